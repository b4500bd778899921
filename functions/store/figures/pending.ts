/**
 * The mark a source item (case, complaint, rating, card) carries from the write that changed it
 * until its change is in the kept figures: the sparse, sharded `figures` index (store/table.ts).
 * Set by the source's own conditional write — no extra request — and removed by the projector's
 * last write on the item (projector.ts) once what the item adds is counted. The figures job reads
 * the index for marks older than a grace, which only an interrupted request leaves behind.
 *
 * The instant is the wall clock, not the command's: it says when the item began to wait.
 */
import { normalizeInstant } from '../../domain/calendar/instant.ts';
import { figuresShardFor } from '../table.ts';

export type SourceKind = 'case' | 'complaint' | 'rating' | 'card';

/** `case:<caseNo>`, `complaint:<complaintNo>`, `rating:<caseNo>`, `card:<cardId>`. */
export function sourceId(kind: SourceKind, id: string): string {
  return `${kind}:${id}`;
}

export const figuresPendingNames = ['figuresShard', 'figuresDueAt'] as const;

export function figuresPending(source: string): { figuresShard: string; figuresDueAt: string } {
  return { figuresShard: figuresShardFor(source), figuresDueAt: normalizeInstant(new Date()) };
}
