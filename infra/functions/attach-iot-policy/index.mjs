/**
 * Attaches the dashboard's IoT policy to the caller's own Cognito identity.
 *
 * AWS IoT authorizes an authenticated Cognito identity's MQTT connection (and
 * its shadow reads) only if an IoT policy is attached to the identity, on top
 * of its IAM role. https://docs.aws.amazon.com/iot/latest/developerguide/cognito-identities.html
 * Browsers are not given iot:AttachPolicy: IAM cannot narrow it to one policy
 * or to the caller's identity, so any signed-in user could attach any policy
 * to anything. This function can attach only DASHBOARD_IOT_POLICY_NAME, and
 * only to the identity the caller's ID token proves (GetId verifies the token,
 * and answers with the same identity the browser holds credentials for).
 *
 * It sits behind a function URL with AWS_IAM auth: only the Fleetdeck roles
 * may invoke it. The request is a POST of {"idToken": "<Cognito ID token>"}.
 * The runtime's AWS SDK is used, so the asset is this one file.
 */

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

function idTokenOf(event) {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '')
  try {
    const parsed = JSON.parse(raw)
    return typeof parsed?.idToken === 'string' && parsed.idToken !== '' ? parsed.idToken : undefined
  } catch {
    return undefined
  }
}

/**
 * The handler with its AWS calls injected (tests pass fakes).
 * getId({ identityPoolId, logins }) resolves to the identity id, or rejects
 * with an error whose name is Cognito's error type.
 */
export function createHandler({ getId, attachPolicy, identityPoolId, providerName, policyName }) {
  return async (event) => {
    if (event.requestContext?.http?.method !== 'POST')
      return json(405, { message: 'POST {"idToken": …} to attach the IoT policy.' })
    const idToken = idTokenOf(event)
    if (idToken === undefined) return json(400, { message: 'The body must be {"idToken": …}.' })
    let identityId
    try {
      identityId = await getId({ identityPoolId, logins: { [providerName]: idToken } })
    } catch (error) {
      if (error?.name === 'NotAuthorizedException' || error?.name === 'InvalidParameterException')
        return json(403, { message: 'The ID token was not accepted by the identity pool.' })
      throw error
    }
    // When Lambda reports the caller's own Cognito identity, it must be the token's.
    const caller = event.requestContext?.authorizer?.iam?.cognitoIdentity?.identityId
    if (typeof caller === 'string' && caller !== identityId)
      return json(403, { message: 'The ID token belongs to another identity than the caller.' })
    await attachPolicy({ policyName, target: identityId })
    return json(200, { identityId, policyName })
  }
}

/**
 * GetId is an unsigned Cognito Identity call: the ID token is the credential.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
 */
async function getIdFromCognito(region, { identityPoolId, logins }) {
  const response = await fetch(`https://cognito-identity.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityService.GetId',
    },
    body: JSON.stringify({ IdentityPoolId: identityPoolId, Logins: logins }),
  })
  const body = await response.json()
  if (!response.ok) {
    const error = new Error(body.message ?? `GetId answered ${response.status}`)
    error.name = String(body.__type ?? 'GetIdError')
      .split('#')
      .pop()
    throw error
  }
  return body.IdentityId
}

let iotClient
async function attachPolicyWithSdk({ policyName, target }) {
  const { IoTClient, AttachPolicyCommand } = await import('@aws-sdk/client-iot')
  iotClient ??= new IoTClient({})
  // Attaching a policy that is already attached succeeds, so every sign-in may call this.
  await iotClient.send(new AttachPolicyCommand({ policyName, target }))
}

export const handler = (event) =>
  createHandler({
    getId: (input) => getIdFromCognito(process.env.AWS_REGION, input),
    attachPolicy: attachPolicyWithSdk,
    identityPoolId: process.env.IDENTITY_POOL_ID,
    providerName: process.env.USER_POOL_PROVIDER_NAME,
    policyName: process.env.IOT_POLICY_NAME,
  })(event)
