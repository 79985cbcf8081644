/**
 * The roles a staff user holds, as a group of checkboxes (Space toggles, Tab moves on): used when
 * registering a user and when changing a user's roles.
 */
export interface RoleOption {
  name: string;
  title: string;
}

export function RoleChecks({ legend = '役割', roles, value, onChange, describedBy, autoFocus }: {
  legend?: string;
  /** The first checkbox takes the focus (a panel opened from a button). */
  autoFocus?: boolean;
  roles: RoleOption[];
  value: string[];
  onChange: (roles: string[]) => void;
  describedBy?: string;
}) {
  return (
    <fieldset aria-describedby={describedBy} className="flex flex-col gap-1">
      <legend className="mb-1 text-std-16B-170 text-solid-gray-800">{legend}</legend>
      {roles.length === 0 && <p className="text-std-16N-170 text-solid-gray-600">選べる役割がありません。</p>}
      {roles.map((r, i) => (
        <label key={r.name} className="flex items-center gap-2 text-std-16N-170">
          <input
            type="checkbox"
            className="size-5"
            autoFocus={autoFocus && i === 0}
            checked={value.includes(r.name)}
            onChange={(e) => onChange(e.target.checked ? [...value, r.name] : value.filter((n) => n !== r.name))}
          />
          {r.title === r.name ? r.name : `${r.title}（${r.name}）`}
        </label>
      ))}
    </fieldset>
  );
}
