import { useCallback, useState } from 'react';

const key = 'keelson.favourites';

function load(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/** Favourite applications, by name, remembered in this browser. */
export function useFavourites(): [Set<string>, (name: string) => void] {
  const [favourites, setFavourites] = useState(load);
  const toggle = useCallback((name: string) => {
    setFavourites((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      localStorage.setItem(key, JSON.stringify([...next]));
      return next;
    });
  }, []);
  return [favourites, toggle];
}
