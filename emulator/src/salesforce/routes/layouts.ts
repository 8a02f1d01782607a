/**
 * Page layouts, compact layouts and list views, as an org with no customisation has them: one
 * layout of the object's fields, the system default compact layout, and one "All" list view whose
 * results come from a real query. Salesforce's answers carry much more (buttons, related lists,
 * quick actions); the shapes here are its own, with those lists empty.
 */
import { normaliseId } from '../ids';
import type { FieldDef, ObjectDef } from '../schema';
import { executeSoql } from '../soql';
import type { Org } from './context';

/** Fields a layout shows: the name first, then what a person edits, without system fields. */
function layoutFields(object: ObjectDef): FieldDef[] {
  const shown = object.fields.filter((f) => !['Id', 'IsDeleted', 'SystemModstamp', 'LastModifiedById', 'CreatedById'].includes(f.name) && f.type !== 'id');
  return [...shown.filter((f) => f.nameField), ...shown.filter((f) => !f.nameField)];
}

/** A stable Id per object and kind (layouts 00h, list views 00B), from the object's key prefix. */
const metaId = (prefix: string, object: ObjectDef) => normaliseId(`${prefix}5g0000000${object.keyPrefix}`)!;

function item(f: FieldDef) {
  return {
    editableForNew: f.createable,
    editableForUpdate: f.updateable,
    label: f.label,
    layoutComponents: [{ details: { name: f.name, type: f.type, label: f.label }, displayLines: 1, tabOrder: 1, type: 'Field', value: f.name }],
    placeholder: false,
    required: !f.nillable && f.createable && !f.defaultedOnCreate,
  };
}

function section(object: ObjectDef, editable: boolean) {
  const fields = layoutFields(object).filter((f) => !editable || f.createable || f.updateable);
  const rows = [];
  for (let i = 0; i < fields.length; i += 2) rows.push({ layoutItems: fields.slice(i, i + 2).map(item), numItems: Math.min(2, fields.length - i) });
  return [
    {
      collapsed: false,
      columns: 2,
      heading: `${object.label} Information`,
      layoutRows: rows,
      layoutSectionId: metaId('01B', object),
      parentLayoutId: metaId('00h', object),
      rows: rows.length,
      tabOrder: 'TopToBottom',
      useCollapsibleSection: false,
      useHeading: true,
    },
  ];
}

/** `GET /sobjects/{Type}/describe/layouts`. */
export function describeLayouts(object: ObjectDef) {
  return {
    layouts: [
      {
        buttonLayoutSection: { detailButtons: [] },
        detailLayoutSections: section(object, false),
        editLayoutSections: section(object, true),
        feedView: null,
        highlightsPanelLayoutSection: null,
        id: metaId('00h', object),
        multirowEditLayoutSections: [],
        offlineLinks: [],
        quickActionList: { quickActionListItems: [] },
        relatedContent: null,
        relatedLists: [],
        saveOptions: [],
      },
    ],
    recordTypeMappings: [],
    recordTypeSelectorRequired: [false],
  };
}

/** `GET /sobjects/{Type}/describe/approvalLayouts`: no approval process, so none. */
export const describeApprovalLayouts = () => ({ approvalLayouts: [] });

/** `GET /sobjects/{Type}/describe/compactLayouts`: the system default, name first. */
export function describeCompactLayouts(object: ObjectDef) {
  const fields = layoutFields(object).slice(0, 4);
  return {
    compactLayouts: [
      {
        actions: [],
        fieldItems: fields.map(item),
        id: null,
        imageItems: [],
        label: 'System Default',
        name: 'SYSTEM',
        objectType: object.name,
      },
    ],
    defaultCompactLayoutId: null,
    recordTypeCompactLayoutMappings: [],
  };
}

/** The one list view each object has: every record, by name (or newest first). */
function allView(object: ObjectDef, version: string) {
  const id = metaId('00B', object);
  const base = `/services/data/v${version}/sobjects/${object.name}/listviews/${id}`;
  const name = object.fields.find((f) => f.nameField)?.name ?? 'Id';
  const columns = [
    ...new Set([
      'Id',
      name,
      ...layoutFields(object)
        .filter((f) => f.filterable && f.type !== 'textarea')
        .slice(1, 4)
        .map((f) => f.name),
    ]),
  ];
  return { id, base, name, columns, soql: `SELECT ${columns.join(', ')} FROM ${object.name} ORDER BY ${name} ASC NULLS FIRST, Id ASC` };
}

/** `GET /sobjects/{Type}/listviews`. */
export function listViews(object: ObjectDef, version: string) {
  const v = allView(object, version);
  return {
    done: true,
    listviews: [
      {
        describeUrl: `${v.base}/describe`,
        developerName: `All${object.labelPlural.replace(/\W/g, '')}`,
        id: v.id,
        label: `All ${object.labelPlural}`,
        resultsUrl: `${v.base}/results`,
        soqlCompatible: true,
        url: v.base,
      },
    ],
    nextRecordsUrl: null,
    size: 1,
    sobjectType: object.name,
  };
}

/** Whether an Id names the object's list view. */
export const isListView = (object: ObjectDef, id: string) => normaliseId(id) === metaId('00B', object);

/** The SOQL of the list view an Id names, for `query?explain=<list view Id>`; null when none. */
export function listViewSoql(objects: readonly ObjectDef[], id: string, version: string): string | null {
  const object = objects.find((o) => isListView(o, id));
  return object ? allView(object, version).soql : null;
}

function viewColumns(object: ObjectDef, fields: string[]) {
  return fields.map((n, i) => {
    const f = object.fields.find((x) => x.name === n)!;
    return {
      ascendingLabel: 'A-Z',
      descendingLabel: 'Z-A',
      fieldNameOrPath: n,
      hidden: n === 'Id',
      label: f.label,
      searchable: f.type !== 'id',
      selectListItem: n,
      sortDirection: i === 1 ? 'ascending' : null,
      sortIndex: i === 1 ? 0 : null,
      sortable: f.sortable,
      type: f.type,
    };
  });
}

/** `GET /sobjects/{Type}/listviews/{id}/describe`. */
export function describeListView(object: ObjectDef, version: string) {
  const v = allView(object, version);
  return {
    columns: viewColumns(object, v.columns),
    id: v.id,
    orderBy: [{ fieldNameOrPath: v.name, nullsPosition: 'first', sortDirection: 'ascending' }],
    query: v.soql,
    relatedEntityId: null,
    scope: 'everything',
    scopeEntityId: null,
    sobjectType: object.name,
    whereCondition: { conditions: [], conjunction: 'and' },
  };
}

/** `GET /sobjects/{Type}/listviews/{id}/results`: the first 25 rows (`limit` up to 2000). */
export function listViewResults(org: Org, object: ObjectDef, version: string, limit: number) {
  const v = allView(object, version);
  const { records, totalSize } = executeSoql(`${v.soql} LIMIT ${Math.max(1, Math.min(2000, limit))}`, {
    store: org.store,
    version,
    now: org.clock(),
    includeDeleted: false,
  });
  return {
    columns: viewColumns(object, v.columns),
    developerName: `All${object.labelPlural.replace(/\W/g, '')}`,
    done: true,
    id: v.id,
    label: `All ${object.labelPlural}`,
    records: records.map((r) => ({
      columns: v.columns.map((c) => ({ fieldNameOrPath: c, value: r[c] === undefined || r[c] === null ? null : String(r[c]) })),
    })),
    size: totalSize,
  };
}
