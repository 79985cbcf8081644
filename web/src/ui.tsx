/** Small shared pieces of the screens, in the Digital Agency's design tokens. */
import type { ReactNode } from 'react';

export const inputClass = 'w-full rounded-8 border border-solid-gray-600 px-3 py-2 text-std-16N-170 text-solid-gray-900';
export const primaryButton = 'rounded-8 bg-blue-900 px-6 py-3 text-std-16B-170 text-white hover:bg-blue-1000 disabled:bg-solid-gray-300';
export const secondaryButton = 'rounded-8 border border-blue-900 bg-white px-4 py-2 text-std-16B-170 text-blue-900 hover:bg-blue-50';

export function Field({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-std-16B-170 text-solid-gray-800">{label}</label>
      {children}
    </div>
  );
}
