import { describe, expect, it } from 'vitest'
import { createHandler } from './index.mjs'

const PROVIDER = 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E'
const IDENTITY = 'eu-west-1:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f'

interface Call {
  readonly policyName: string
  readonly target: string
}

function handlerWith(tokens: Readonly<Record<string, string>>) {
  const attached: Call[] = []
  const handler = createHandler({
    identityPoolId: 'eu-west-1:pool',
    providerName: PROVIDER,
    policyName: 'fleetdeck-dashboard-events',
    getId: ({ logins }) => {
      const identity = tokens[logins[PROVIDER] ?? '']
      if (identity !== undefined) return Promise.resolve(identity)
      return Promise.reject(
        Object.assign(new Error('Invalid login token.'), { name: 'NotAuthorizedException' }),
      )
    },
    attachPolicy: (call) => {
      attached.push(call)
      return Promise.resolve()
    },
  })
  return { handler, attached }
}

const post = (body: unknown, extra: Record<string, unknown> = {}) => ({
  requestContext: { http: { method: 'POST' }, ...extra },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  isBase64Encoded: false,
})

describe('the attach-iot-policy function', () => {
  it('attaches the dashboard policy to the identity the ID token proves', async () => {
    const { handler, attached } = handlerWith({ 'good-token': IDENTITY })
    const response = await handler(post({ idToken: 'good-token' }))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      identityId: IDENTITY,
      policyName: 'fleetdeck-dashboard-events',
    })
    expect(attached).toEqual([{ policyName: 'fleetdeck-dashboard-events', target: IDENTITY }])
  })

  it('reads base64 bodies as function URLs may send them', async () => {
    const { handler, attached } = handlerWith({ 'good-token': IDENTITY })
    const response = await handler({
      requestContext: { http: { method: 'POST' } },
      body: Buffer.from(JSON.stringify({ idToken: 'good-token' })).toString('base64'),
      isBase64Encoded: true,
    })
    expect(response.statusCode).toBe(200)
    expect(attached).toHaveLength(1)
  })

  it('attaches nothing for a token the identity pool refuses', async () => {
    const { handler, attached } = handlerWith({})
    const response = await handler(post({ idToken: 'forged' }))
    expect(response.statusCode).toBe(403)
    expect(attached).toEqual([])
  })

  it('attaches nothing when the caller signs with another identity than the token’s', async () => {
    const { handler, attached } = handlerWith({ 'good-token': IDENTITY })
    const response = await handler(
      post(
        { idToken: 'good-token' },
        { authorizer: { iam: { cognitoIdentity: { identityId: 'eu-west-1:someone-else' } } } },
      ),
    )
    expect(response.statusCode).toBe(403)
    expect(attached).toEqual([])
  })

  it('answers malformed requests without calling AWS', async () => {
    const { handler, attached } = handlerWith({ 'good-token': IDENTITY })
    expect((await handler(post('not json'))).statusCode).toBe(400)
    expect((await handler(post({ token: 'good-token' }))).statusCode).toBe(400)
    expect(
      (await handler({ requestContext: { http: { method: 'GET' } }, body: '' })).statusCode,
    ).toBe(405)
    expect(attached).toEqual([])
  })
})
