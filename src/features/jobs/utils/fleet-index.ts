/** The thing index fleet indexing creates (SearchIndex's default), named for clarity. */
export const THINGS_INDEX_NAME = 'AWS_Things'
