/* SPDX-License-Identifier: MIT */
/*
 * hash.h - the hash of the tools' small open-addressing tables (the
 * bridges' series handles by name and labels).
 */
#ifndef COMMON_HASH_H
#define COMMON_HASH_H

#include <stddef.h>
#include <stdint.h>

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

#endif
