import { z } from 'zod';

export const ROLES = ['telemarketer', 'rep', 'manager', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who is acting. The server sets this from the token, never from the command body. */
export type Actor = { userId: string; role: Role };

export const MemberSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(120),
  role: RoleSchema,
  active: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;
