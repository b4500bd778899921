/**
 * What every conditional write of the store shares: recognising a failed condition (or running a
 * write that may be refused by it), and the
 * `SET … REMOVE …` expression with placeholder names and values for a set of attributes.
 */

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: true when it was made, false when its condition refused it. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * `SET` each attribute of `set` (a `null` value removes it instead) and `REMOVE` each of `remove`.
 * `names` and `values` are the condition's own placeholders, merged in.
 */
export function setAndRemove(
  set: Record<string, unknown>,
  remove: readonly string[] = [],
  names: Record<string, string> = {},
  values: Record<string, unknown> = {},
): UpdateParts {
  const allNames = { ...names };
  const allValues = { ...values };
  const removed = [...remove, ...Object.keys(set).filter((name) => set[name] === null)];
  const assignments = Object.entries(set)
    .filter(([, value]) => value !== null)
    .map(([name, value], i) => {
      allNames[`#s${i}`] = name;
      allValues[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
  const removals = removed.map((name, i) => {
    allNames[`#r${i}`] = name;
    return `#r${i}`;
  });
  const clauses = [
    ...(assignments.length > 0 ? [`SET ${assignments.join(', ')}`] : []),
    ...(removals.length > 0 ? [`REMOVE ${removals.join(', ')}`] : []),
  ];
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: allNames,
    ExpressionAttributeValues: allValues,
  };
}
