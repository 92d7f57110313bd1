/** Query keys shared with the other panels through the one query cache. */
export const contactKey = (contactId: string) => ['contact', contactId] as const;
