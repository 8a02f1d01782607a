import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { control, stats } from './support/emulator';
import { startTestGateway, type TestGateway } from './support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => control(gw.emulators.url, 'POST', 'reset'));

describe('gateway over the emulator', () => {
  it('answers caseOptions from the org describe, cached across requests', async () => {
    const query = '{ caseOptions { statuses { value label isDefault } priorities { value isDefault } origins { value } } }';
    const first = await gw.graphql(query);
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({
      caseOptions: {
        statuses: [
          { value: 'New', label: 'New', isDefault: true },
          { value: 'Working', label: 'Working', isDefault: false },
          { value: 'Escalated', label: 'Escalated', isDefault: false },
          { value: 'Closed', label: 'Closed', isDefault: false },
        ],
        priorities: [
          { value: 'High', isDefault: false },
          { value: 'Medium', isDefault: true },
          { value: 'Low', isDefault: false },
        ],
        origins: [{ value: 'Phone' }, { value: 'Email' }, { value: 'Web' }],
      },
    });
    await gw.graphql(query);
    expect((await stats(gw.emulators.url)).byKind).toEqual({ describe: 1 });
  });
});
