import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { BusEnvelope } from "@dealflow/core/ports/bus";

/** A delivery that ran out of attempts: enough to see why and to replay it by hand. */
export interface DeadLetter {
  rule: string;
  target: string;
  error: string;
  attempts: number;
  failedAt: string;
  event: BusEnvelope;
}

/** In memory for the UI and tests; appended as JSON lines to `file` so failures survive a restart. */
export class DeadLetterQueue {
  private readonly letters: DeadLetter[] = [];

  constructor(private readonly file?: string) {}

  async add(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
    if (!this.file) return;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(letter)}\n`, "utf8");
    } catch (err) {
      // The letter is still kept in memory; losing the file copy must not take the bus down.
      console.error(`local bus: could not append to DLQ file ${this.file}: ${String(err)}`);
    }
  }

  list(): DeadLetter[] {
    return [...this.letters];
  }
}
