// The `existing` lookup of buildImportPreview over a team state (the server's, or a client's read model).

import { findDuplicate, type TeamState } from '../team.ts';

export function existingFromTeamState(state: TeamState) {
  return (emails: string[], phones: string[]): string | undefined =>
    findDuplicate(state, { contact: { emails, phones } })?.id;
}
