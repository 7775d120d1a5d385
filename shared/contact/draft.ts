// The lead draft that contact parsing produces: a proposal shown to the rep, never saved without review.

import { z } from 'zod';

export const phoneLabelSchema = z.enum(['mobile', 'office', 'fax', 'pager', 'home']);

export const draftPhoneSchema = z.object({
  e164: z.string().regex(/^\+[1-9]\d{6,14}$/),
  extension: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional(),
  label: phoneLabelSchema.optional(),
});

export const draftWarningSchema = z.object({
  code: z.enum(['PHONE_REJECTED', 'MULTIPLE_PEOPLE', 'ROLE_EMAIL', 'NO_CONTACT_DATA']),
  message: z.string(),
});

export const leadDraftSchema = z.object({
  name: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  company: z.string().min(1).optional(),
  emails: z.array(z.email()),
  phones: z.array(draftPhoneSchema),
  website: z.string().min(1).optional(),
  warnings: z.array(draftWarningSchema).optional(),
});

export type DraftPhone = z.infer<typeof draftPhoneSchema>;
export type DraftWarning = z.infer<typeof draftWarningSchema>;
export type LeadDraft = z.infer<typeof leadDraftSchema>;
