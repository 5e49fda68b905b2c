// expect: none
interface User {
  id: string;
  name: string;
}

async function fetchUser(id: string): Promise<User> {
  const res = await fetch(`https://api.example/users/${id}`);
  return (await res.json()) as User;
}

export function loadProfile(id: string): Promise<User> {
  if (!id) return Promise.reject(new Error('missing id'));
  return fetchUser(id);
}

export const loadOwner = (repo: { ownerId: string }) => fetchUser(repo.ownerId);
