import { useEffect, useState } from 'react';
import { regionsApi } from '../api/endpoints';

// Region names do not change while the page is open: one look-up per code.
const names = new Map<string, Promise<string>>();

function fullName(code: string): Promise<string> {
  let name = names.get(code);
  if (!name) {
    name = regionsApi.get(code).then(
      (r) => r.fullName,
      () => {
        names.delete(code); // try again next time
        return code;
      },
    );
    names.set(code, name);
  }
  return name;
}

/** A region shown by its full name (浙江省杭州市西湖区), its code until the name is there. */
export function RegionName({ code }: { code: string | null | undefined }) {
  const [name, setName] = useState<{ code: string; text: string } | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void fullName(code).then((text) => {
      if (live) setName({ code, text });
    });
    return () => {
      live = false;
    };
  }, [code]);
  if (!code) return null;
  return <span data-region={code}>{name?.code === code ? name.text : code}</span>;
}
