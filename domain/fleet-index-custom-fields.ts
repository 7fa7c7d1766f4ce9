/**
 * Where Fleetdeck's devices report their firmware in the thing index. The
 * device agents (fleet/, and real firmware following PRODUCT.md) write
 * `firmware.version` and `firmware.model` into the classic shadow's reported
 * state. SearchIndex can query any indexed shadow field, but the aggregation
 * operations (GetStatistics, GetBucketsAggregation) only accept managed
 * fields and fields declared in the indexing configuration's customFields,
 * so the deployment and the local seed declare these two as String custom
 * fields: a group's version distribution is then one GetBucketsAggregation
 * call instead of one call per device.
 * https://docs.aws.amazon.com/iot/latest/developerguide/managing-index.html (custom fields)
 * https://docs.aws.amazon.com/iot/latest/developerguide/index-aggregate.html
 */
export const FIRMWARE_VERSION_INDEX_FIELD = 'shadow.reported.firmware.version'
export const FIRMWARE_MODEL_INDEX_FIELD = 'shadow.reported.firmware.model'
/**
 * The thing index fleet indexing creates, SearchIndex's default. The API
 * names it anyway so every call says which index it reads.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_SearchIndex.html
 */
export const THINGS_INDEX_NAME = 'AWS_Things'
