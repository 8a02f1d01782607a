/** Id arguments: 15- or 18-character Salesforce Ids, anything else is BAD_USER_INPUT. */
import { badInput } from '../domain/errors';
import { normaliseId } from '../domain/ids';

export function parseIdArg(id: string, argument = 'id'): string {
  const full = normaliseId(id.trim());
  if (!full) throw badInput(`${argument} is not a Salesforce Id (15 or 18 letters and digits)`, argument);
  return full;
}
