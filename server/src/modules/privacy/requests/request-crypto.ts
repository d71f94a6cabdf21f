/** The person's words and the answer are sealed under the subject's key, bound to the row. */
export const requestOwner = (subjectUserId: string) => ({
  type: 'person' as const,
  id: subjectUserId,
});

export const requestRef = (id: string, field: 'detail' | 'answer') => ({
  table: 'privacy_requests',
  field,
  recordId: id,
});
