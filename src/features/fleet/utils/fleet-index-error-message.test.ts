import {
  IndexNotReadyException,
  InvalidAggregationException,
  InvalidQueryException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import { fleetIndexErrorMessage } from './fleet-index-error-message.ts'

const metadata = { $metadata: {} }

describe('fleetIndexErrorMessage', () => {
  it("explains the fleet index's own failures", () => {
    expect(
      fleetIndexErrorMessage(
        new ResourceNotFoundException({ message: 'Index AWS_Things not found', ...metadata }),
        'load the fleet',
      ),
    ).toBe(
      'Could not load the fleet: fleet indexing (the AWS_Things index) is not turned on in this account and region.',
    )
    expect(
      fleetIndexErrorMessage(new IndexNotReadyException({ message: 'x', ...metadata }), 'search'),
    ).toMatch(/still being built/)
    expect(
      fleetIndexErrorMessage(
        new InvalidQueryException({ message: 'Syntax error at 3', ...metadata }),
        'search',
      ),
    ).toBe('Could not search: AWS refused the search: Syntax error at 3')
    expect(
      fleetIndexErrorMessage(
        new InvalidAggregationException({ message: 'x', ...metadata }),
        'count versions',
      ),
    ).toMatch(/is not a custom field of the fleet index/)
  })

  it('leaves the rest to the shared wording', () => {
    expect(
      fleetIndexErrorMessage(new ThrottlingException({ message: 'slow', ...metadata }), 'search'),
    ).toBe('Could not search: AWS is throttling requests. Wait a moment and try again.')
  })
})
