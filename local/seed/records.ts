/** A demo user's password, generated on the first seed and printed at every start. */
export interface DemoUserRecord {
  readonly username: string
  readonly password: string
}

export interface SeedSchema {
  demoUsers: DemoUserRecord
}
