// After a conditional update that counted nothing updated: the database counts only documents it
// changed (the platform and the local cloud alike), so 0 also means "the document held these
// values already" — the same save sent twice in one millisecond, whose twin wrote them. Before
// refusing, a call reads the document again and asks whether it holds what the call would write.

/** Field by field, whether a document holds these values (dates and nested values compared as JSON). */
export const holds = (doc: object, fields: object): boolean =>
  Object.entries(fields).every(([k, v]) => JSON.stringify((doc as Record<string, unknown>)[k]) === JSON.stringify(v))
