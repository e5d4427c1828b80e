/** A round badge with the person's initial and a colour of their own (the same name always gets the same hue). */
export function Avatar({ name, small = false }: { name: string; small?: boolean }) {
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  const initial = [...name.trim()][0]?.toUpperCase() ?? "?";
  return (
    <span className={`avatar avatar--person${small ? " avatar--small" : ""}`} style={{ backgroundColor: `hsl(${hue} 55% 42%)` }} title={name} aria-hidden="true">
      {initial}
    </span>
  );
}
