import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { SPA_ROUTING_FUNCTION_CODE } from './spa-routing.ts'

type Handler = (event: { request: { uri: string } }) => { uri: string }

/** The function as CloudFront runs it: a script defining `handler`. */
const handler = runInNewContext(`${SPA_ROUTING_FUNCTION_CODE}; handler`) as Handler
const servedFor = (uri: string) => handler({ request: { uri } }).uri

describe('the SPA routing function', () => {
  it('serves index.html for the app’s routes', () => {
    expect(servedFor('/')).toBe('/index.html')
    expect(servedFor('/jobs/rollout-42')).toBe('/index.html')
    expect(servedFor('/fleet/things/lamp-0001')).toBe('/index.html')
    expect(servedFor('/wall')).toBe('/index.html')
  })

  it('leaves files alone, so a missing asset stays an error', () => {
    expect(servedFor('/assets/index-Chq-Cgdw.js')).toBe('/assets/index-Chq-Cgdw.js')
    expect(servedFor('/config.json')).toBe('/config.json')
    expect(servedFor('/favicon.svg')).toBe('/favicon.svg')
  })
})
