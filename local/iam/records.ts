/** A temporary credential set of an assumed role. Times are real epoch milliseconds. */
export interface SessionRecord {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly roleArn: string
  readonly sessionName: string
  readonly expiresAtMs: number
}

export interface IamSchema {
  sessions: SessionRecord
}
