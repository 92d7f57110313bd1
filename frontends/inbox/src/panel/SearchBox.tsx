import { Icon } from '@conversations/ui';

/** Each tab's own search box (F10), labelled with the guide's words. */
export function SearchBox({
  placeholder,
  value,
  onChange,
  busy,
}: {
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  busy?: boolean;
}) {
  return (
    <div className="inbox-search" aria-busy={busy ? 'true' : undefined}>
      <Icon name="search" size={16} />
      <input
        type="search"
        className="cv-input"
        placeholder={placeholder}
        aria-label={placeholder.replace('…', '')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
