import { AppError } from '../domain/errors.js';
import { msg } from '../domain/messages/index.js';
import type { Directory } from '../ports.js';

/** Who may act: explicit Slack user ids and/or members of Slack user groups. */
export interface AuthorizationSettings {
  allowedUserIds: readonly string[];
  allowedGroupIds: readonly string[];
}

/** Checks that a Slack user may act; throws `not_authorized` or `authorization_not_configured`. */
export type Authorize = (userId: string) => Promise<void>;

/** Builds the authorization check. Nothing configured means nobody may act. */
export function makeAuthorize(settings: AuthorizationSettings, directory: Directory): Authorize {
  return async (userId) => {
    if (settings.allowedUserIds.length === 0 && settings.allowedGroupIds.length === 0) {
      throw new AppError('authorization_not_configured', msg('error.authorizationNotConfigured'));
    }
    if (settings.allowedUserIds.includes(userId)) return;
    for (const group of settings.allowedGroupIds) {
      if ((await directory.groupMembers(group)).includes(userId)) return;
    }
    throw new AppError('not_authorized', msg('error.notAuthorized', { user: userId }));
  };
}
