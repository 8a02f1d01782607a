/** The emulator's TLS: a self-signed certificate made at start, for localhost and its addresses. */
import { generate } from 'selfsigned';

export interface SelfSigned {
  /** PEM private key. */
  key: string;
  /** PEM certificate (SAN localhost, 127.0.0.1, ::1). */
  cert: string;
}

export async function selfSignedCertificate(): Promise<SelfSigned> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  } as never);
  return { key: pems.private, cert: pems.cert };
}
