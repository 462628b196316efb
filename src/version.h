/*
 * Apache Kafka release versions.  Kafka numbered its releases 0.8.2.2,
 * 0.10.2.1, ..., then 1.0.0 onwards, so a version is four components packed
 * into one integer that compares as versions do: 3.0.1 < 3.1.
 */
#ifndef KA_VERSION_H
#define KA_VERSION_H

#define KA_VERSION(a, b, c, d) \
	(((unsigned long)(a) << 24) | ((unsigned long)(b) << 16) | \
	 ((unsigned long)(c) << 8) | (unsigned long)(d))

/* The newest release whose defaults the catalogue knows. */
#define KA_VERSION_NEWEST	KA_VERSION(4, 4, 0, 0)
#define KA_VERSION_OLDEST	KA_VERSION(0, 8, 0, 0)

/*
 * Parse "4.1", "3.0.1", "0.10" or "0.10.2.1" (missing components are 0).
 * Returns 0 and sets *out, or -1 for anything else.
 */
int		 ka_version_parse(const char *, unsigned long *out);

/* Format as the shortest dotted form ("4.1", "3.0.1", "0.10.2.1"). */
const char	*ka_version_format(unsigned long, char *buf, unsigned int size);

/*
 * A set of half-open ranges such as ">=3.0.1 <3.9" or
 * ">=3.0.0 <3.0.1 || >=3.1.0 <3.1.1" (the npm range syntax, reduced to the
 * operators >=, >, <=, <, = and "||").  An empty expression matches all.
 */
#define KA_VRANGE_MAX	8

struct ka_vrange {
	unsigned long	 lo;	/* inclusive */
	unsigned long	 hi;	/* exclusive; ULONG_MAX for no upper bound */
};

struct ka_vranges {
	struct ka_vrange	 v[KA_VRANGE_MAX];
	unsigned int		 len;	/* 0 = every version */
};

/* Returns 0, or -1 with *errstr pointing at a static explanation. */
int		 ka_version_ranges_parse(const char *, struct ka_vranges *,
		    const char **errstr);
int		 ka_version_ranges_match(const struct ka_vranges *,
		    unsigned long);

#endif
