import { ElectroError } from "electrodb";

export function isConditionFailed(err: unknown): boolean {
  return err instanceof ElectroError && /conditional request failed|ConditionalCheckFailed/i.test(`${err.message} ${String(err.cause ?? "")}`);
}

/** Runs a conditional write; false when its condition did not hold (someone else got there first). */
export async function tryWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}
