/** A dictionary in another language: exactly the English dictionary's keys, every one filled. */
export type Translation<En> = { readonly [K in keyof En]: string };
