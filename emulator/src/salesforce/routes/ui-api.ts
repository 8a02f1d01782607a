/**
 * The UI API's picklist values of a record type (User Interface API Developer Guide, "Get Values
 * for All Picklist Fields of a Record Type"): `GET ui-api/object-info/{object}/picklist-values/{recordTypeId}`,
 * the values each picklist field allows for that record type. The Master record type (`012000000000000AAA`)
 * allows every active value. [unverified]: the eTags and urls, which no client here reads.
 */
import { notFound } from '../errors';
import { normaliseId } from '../ids';
import { objectOr404, type Answer, type Org } from './context';

const MASTER = '012000000000000AAA';

export function uiApi(org: Org, method: string, tail: string[]): Answer {
  if (method !== 'GET' || tail[0] !== 'object-info' || tail[2] !== 'picklist-values' || tail.length !== 4) throw notFound();
  const object = objectOr404(org, tail[1]!);
  const id = normaliseId(tail[3]!);
  const type = id === MASTER ? null : (object.recordTypes ?? []).find((t) => t.id === id);
  if (id !== MASTER && !type) throw notFound();
  const picklistFieldValues = Object.fromEntries(
    object.fields
      .filter((f) => f.type === 'picklist' || f.type === 'multipicklist')
      .map((f) => {
        const allowed = type?.picklists?.[f.name];
        const values = f.picklistValues.filter((p) => !allowed || allowed.includes(p.value));
        const fallback = values.find((p) => p.defaultValue);
        return [
          f.name,
          {
            controllerValues: {},
            defaultValue: fallback ? { attributes: null, label: fallback.label, validFor: [], value: fallback.value } : null,
            eTag: `${object.name}.${f.name}.${id}`,
            url: `/services/data/v62.0/ui-api/object-info/${object.name}/picklist-values/${id}/${f.name}`,
            values: values.map((p) => ({ attributes: null, label: p.label, validFor: [], value: p.value })),
          },
        ];
      }),
  );
  return { status: 200, body: { eTag: `${object.name}.${id}`, picklistFieldValues } };
}
