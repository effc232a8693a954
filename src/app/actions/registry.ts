import { archiveAction } from './archive.js';
import { isolateAction } from './isolate.js';
import type { FindingAction } from './types.js';

/** Every action the app offers, in button order. */
export const FINDING_ACTIONS: readonly FindingAction[] = [isolateAction, archiveAction];

/** Actions by id (`finding.isolate`, …). */
export type ActionRegistry = ReadonlyMap<string, FindingAction>;

/** Indexes actions by id. */
export function actionRegistry(actions: readonly FindingAction[] = FINDING_ACTIONS): ActionRegistry {
  return new Map(actions.map((a) => [a.id, a]));
}
