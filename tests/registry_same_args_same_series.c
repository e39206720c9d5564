/* SPDX-License-Identifier: MIT */
/*
 * The same name and labels give the same series, whatever the label
 * order; the same name and labels with another kind, type or unit is an
 * error, not a second series.
 */
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "reg", 64, 2);
	struct shmtel_series_desc d = { .category = SHMTEL_BACKEND, .name = "ops",
					.labels = "backend=\"UCX\",rank=\"0\"", .kind = SHMTEL_COUNTER,
					.type = SHMTEL_U64, .unit = "bytes" };
	struct shmtel_series *s1, *s2, *s3;
	struct ring *r;
	struct ring_series rs;
	const char *k, *v;
	size_t pos = 0;

	CHECK(shmtel_series_get(a, &d, &s1) == 0 && s1);
	d.labels = "rank=0,backend=\"UCX\"";
	CHECK(shmtel_series_get(a, &d, &s2) == 0);
	CHECK(s1 == s2);
	d.kind = SHMTEL_GAUGE;
	CHECK_EQ(shmtel_series_get(a, &d, &s3), -EINVAL);
	d.kind = SHMTEL_COUNTER;
	d.unit = "us";
	CHECK_EQ(shmtel_series_get(a, &d, &s3), -EINVAL);
	d.unit = "bytes";
	d.labels = "rank=\"1\",backend=\"UCX\"";
	CHECK(shmtel_series_get(a, &d, &s3) == 0 && s3 != s1);
	/* Bad label syntax is refused. */
	d.labels = "1rank=\"0\"";
	CHECK_EQ(shmtel_series_get(a, &d, &s3), -EINVAL);
	d.labels = "rank=\"0";
	CHECK_EQ(shmtel_series_get(a, &d, &s3), -EINVAL);
	d.labels = "a=\"1\",a=\"2\"";
	CHECK_EQ(shmtel_series_get(a, &d, &s3), -EINVAL);
	d.labels = "q=\"a \\\"quoted\\\" \\\\ value\\nnext\"";
	CHECK(shmtel_series_get(a, &d, &s3) == 0 && s3);

	r = t_ring(dir, "reg");
	CHECK_EQ(ring_series_count(r), 3);
	CHECK(ring_series_get(r, 0, &rs) == 0);
	CHECK(ring_label_next(rs.labels, &pos, &k, &v) && !strcmp(k, "backend") && !strcmp(v, "UCX"));
	CHECK(ring_label_next(rs.labels, &pos, &k, &v) && !strcmp(k, "rank") && !strcmp(v, "0"));
	CHECK(!ring_label_next(rs.labels, &pos, &k, &v));
	CHECK(ring_series_get(r, 2, &rs) == 0);
	pos = 0;
	CHECK(ring_label_next(rs.labels, &pos, &k, &v) && !strcmp(v, "a \"quoted\" \\ value\nnext"));
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
