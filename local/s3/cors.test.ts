import { describe, expect, it } from 'vitest'
import { corsHeaders, matchCorsRule, parseCorsConfiguration, type CorsRule } from './cors.ts'
import { parseXmlBody } from './xml.ts'

const dashboard: CorsRule = {
  allowedOrigins: ['http://localhost:5173', 'http://*.localhost:5173'],
  allowedMethods: ['GET', 'PUT'],
  allowedHeaders: ['authorization', 'x-amz-*', 'content-type'],
  exposeHeaders: ['ETag'],
  maxAgeSeconds: 600,
}
const publicRead: CorsRule = {
  allowedOrigins: ['*'],
  allowedMethods: ['GET', 'HEAD'],
  allowedHeaders: [],
  exposeHeaders: [],
}

describe('bucket CORS rules', () => {
  it('matches origins with one wildcard, methods exactly, and headers without regard to case', () => {
    const rules = [dashboard]
    expect(matchCorsRule(rules, { origin: 'http://localhost:5173', method: 'PUT' })).toBe(dashboard)
    expect(matchCorsRule(rules, { origin: 'http://app.localhost:5173', method: 'GET' })).toBe(
      dashboard,
    )
    expect(matchCorsRule(rules, { origin: 'http://localhost:5174', method: 'GET' })).toBeUndefined()
    expect(
      matchCorsRule(rules, { origin: 'http://localhost:5173', method: 'DELETE' }),
    ).toBeUndefined()
    expect(
      matchCorsRule(rules, {
        origin: 'http://localhost:5173',
        method: 'PUT',
        requestHeaders: ['Authorization', 'x-amz-date', 'x-amz-content-sha256'],
      }),
    ).toBe(dashboard)
    expect(
      matchCorsRule(rules, {
        origin: 'http://localhost:5173',
        method: 'PUT',
        requestHeaders: ['authorization', 'cache-control'],
      }),
    ).toBeUndefined()
  })

  it('uses the first rule that matches', () => {
    expect(
      matchCorsRule([publicRead, dashboard], { origin: 'http://localhost:5173', method: 'GET' }),
    ).toBe(publicRead)
  })

  it('answers * to a wildcard rule and echoes the origin, with credentials, otherwise', () => {
    expect(corsHeaders(publicRead, { origin: 'http://x.localhost', method: 'GET' })).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD',
    })
    const preflight = corsHeaders(dashboard, {
      origin: 'http://localhost:5173',
      method: 'PUT',
      requestHeaders: ['authorization', 'x-amz-date'],
    })
    expect(preflight).toEqual({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'authorization, x-amz-date',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    })
  })

  it('parses and validates a CORSConfiguration as PutBucketCors does', () => {
    const xml = (rule: string) =>
      parseXmlBody(
        new TextEncoder().encode(
          `<CORSConfiguration><CORSRule>${rule}</CORSRule></CORSConfiguration>`,
        ),
        ['CORSRule', 'AllowedOrigin', 'AllowedMethod', 'AllowedHeader', 'ExposeHeader'],
      )
    expect(
      parseCorsConfiguration(
        xml(
          '<ID>web</ID><AllowedOrigin>http://localhost:5173</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>60</MaxAgeSeconds>',
        ),
      ),
    ).toEqual([
      {
        id: 'web',
        allowedOrigins: ['http://localhost:5173'],
        allowedMethods: ['GET'],
        allowedHeaders: ['*'],
        exposeHeaders: [],
        maxAgeSeconds: 60,
      },
    ])
    expect(() =>
      parseCorsConfiguration(
        xml('<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod>'),
      ),
    ).toThrow(
      expect.objectContaining({
        type: 'InvalidRequest',
        message: expect.stringContaining('PATCH'),
      }),
    )
    expect(() =>
      parseCorsConfiguration(
        xml('<AllowedOrigin>http://*.*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>'),
      ),
    ).toThrow(expect.objectContaining({ type: 'InvalidRequest' }))
    expect(() => parseCorsConfiguration(xml('<AllowedMethod>GET</AllowedMethod>'))).toThrow(
      expect.objectContaining({ type: 'MalformedXML' }),
    )
  })
})
