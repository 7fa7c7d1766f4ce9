/**
 * The viewer-request CloudFront Function that serves index.html for the
 * app's routes (/jobs/abc, /fleet/things?…): a path whose last segment has
 * no file extension is a route, anything else (/assets/index-…js,
 * /config.json, /favicon.svg) is a file. Rewriting the request, rather than
 * answering S3's 403 with index.html, keeps real errors real: a missing
 * asset stays a 404 instead of an HTML page the browser then fails to run.
 * The code runs in CloudFront's JavaScript runtime 2.0.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example-function-add-index.html
 */
export const SPA_ROUTING_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.split('/').pop();
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`
