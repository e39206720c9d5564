/* SPDX-License-Identifier: MIT */
/*
 * hash.h - the hashes of the tools' small open-addressing tables (the
 * bridges' series handles by name and labels, telemetry_prom's shapes).
 */
#ifndef COMMON_HASH_H
#define COMMON_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* hash_bytes: FNV-1a of @n bytes of @k, finished so the low bits mix too. */
static inline uint64_t hash_bytes(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	/* FNV's low bits mix poorly, and the tables index by them. */
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 32);
}

/*
 * hash_words: the same job eight bytes a step, for keys of tens of bytes
 * looked up once per series of a large export, where FNV's multiply per
 * byte is the cost.  Not the same values as hash_bytes().
 */
static inline uint64_t hash_words(const char *k, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; k += 8, n -= 8) {
		memcpy(&w, k, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, k, n);
	h = (h ^ w) * 0x94d049bb133111ebull;
	return h ^ (h >> 29);
}

#endif
