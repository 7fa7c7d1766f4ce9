/** Types of index.mjs (the function ships as plain JavaScript, its one file). */
export interface AttachIotPolicyDependencies {
  readonly getId: (input: {
    readonly identityPoolId: string
    readonly logins: Readonly<Record<string, string>>
  }) => Promise<string>
  readonly attachPolicy: (input: {
    readonly policyName: string
    readonly target: string
  }) => Promise<void>
  readonly identityPoolId: string
  readonly providerName: string
  readonly policyName: string
}

export interface FunctionUrlResponse {
  readonly statusCode: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export declare function createHandler(
  dependencies: AttachIotPolicyDependencies,
): (event: unknown) => Promise<FunctionUrlResponse>

export declare const handler: (event: unknown) => Promise<FunctionUrlResponse>
