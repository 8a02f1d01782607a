/** The part of avro-js (Apache Avro's JavaScript library, no types of its own) the emulator uses. */
declare module 'avro-js' {
  export interface Type {
    toBuffer(value: unknown): Buffer;
    fromBuffer(buffer: Buffer): unknown;
  }
  export function parse(schema: unknown): Type;
  const avro: { parse: typeof parse };
  export default avro;
}
