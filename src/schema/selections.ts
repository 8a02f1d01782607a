/**
 * The one walk over a selection set: its fields, through fragment spreads and inline fragments,
 * each with the type condition it sits under. The look-ahead of the compiled context
 * (context-shape.ts) and the edge's pricing of an operation (http/policy/upstream-price.ts) both read
 * selections through it.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface SelectedField {
  field: FieldNode;
  /** The type condition of the innermost fragment it sits in; null when it is the parent's own. */
  on: string | null;
}

/**
 * The fields of `set`, in document order. A fragment spread already being expanded on the way
 * down is skipped (validation refuses such cycles anyway); the same fragment spread twice side by
 * side is walked twice, as execution would.
 */
export function fieldsIn(set: SelectionSetNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, on: string | null = null): SelectedField[] {
  const out: SelectedField[] = [];
  const visit = (s: SelectionSetNode, type: string | null, expanding: ReadonlySet<string>) => {
    for (const selection of s.selections) {
      if (selection.kind === Kind.FIELD) out.push({ field: selection, on: type });
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, selection.typeCondition?.name.value ?? type, expanding);
      else {
        const fragment = fragments[selection.name.value];
        if (fragment && !expanding.has(fragment.name.value))
          visit(fragment.selectionSet, fragment.typeCondition.name.value, new Set([...expanding, fragment.name.value]));
      }
    }
  };
  visit(set, on, new Set());
  return out;
}
