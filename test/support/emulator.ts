/** The emulator as the gateway's tests use it: on port 0, with its control API. */
import { startEmulators, type EmulatorOptions, type RunningEmulators } from 'salesforce-emulator';

export { control, stats } from 'salesforce-emulator';

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  return startEmulators({ port: 0, host: '127.0.0.1', ...options });
}
