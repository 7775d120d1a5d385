import type { TryResult } from './try-act.ts';

export function FormError({ result }: { result: TryResult | null }) {
  if (!result || result.ok) return null;
  return (
    <div class="error" role="alert">
      <p>{result.message}</p>
      {result.hint && <p class="small">{result.hint}</p>}
    </div>
  );
}
