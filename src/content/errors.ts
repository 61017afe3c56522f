import { codeForStatus, DomainError } from '../errors.js';

/**
 * A write the content layer refuses: a DomainError whose code follows its status (400
 * `invalid_input`, 404 `not_found`, 409 `conflict`). Kept as a class so the article routes can
 * tell a stale save (409 without a field) apart and answer it with the current story.
 */
export class ContentError extends DomainError {
  declare readonly status: 400 | 404 | 409;
  constructor(message: string, status: 400 | 404 | 409 = 400, field?: string) {
    super(status, codeForStatus(status), message, { field });
  }
}
