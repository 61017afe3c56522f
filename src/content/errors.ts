/** A write the content layer refuses; routes turn it into a 4xx with this message. */
export class ContentError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly field?: string,
  ) {
    super(message);
  }
}
