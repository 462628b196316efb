/*
 * The catalogue against the real thing (tests/catalog-verify.sh): dumps
 * what src/catalog knows, normalises what Kafka and librdkafka say, and
 * dumps the defaults of the librdkafka this program is linked with, all
 * as "dialect<TAB>name<TAB>default" lines ("null" for no default), so
 * that the script only has to sort and compare.  A test program, not a
 * command of kafka-audit.
 *
 *   dump_catalog keys VERSION       every key of the broker, topic,
 *                                   producer and consumer dialects in
 *                                   Kafka release VERSION, and every
 *                                   librdkafka key, with its default
 *   dump_catalog normalize          lines of the same form on stdin, each
 *                                   default read the way the catalogue
 *                                   reads a value of that key (acks -1
 *                                   is "all", 1.0E-4 is 0.0001, lists
 *                                   trimmed), so that it compares with
 *                                   the canonical defaults of "keys";
 *                                   a key the catalogue lacks, or a value
 *                                   it refuses, is passed on as it is
 *   dump_catalog rdkafka            the defaults of the linked
 *                                   librdkafka: rd_kafka_conf_dump() and
 *                                   rd_kafka_topic_conf_dump() of a new
 *                                   configuration, for every property
 *                                   that rd_kafka_conf_properties_show()
 *                                   documents (the catalogue is made
 *                                   from CONFIGURATION.md, its output);
 *                                   rd_kafka_conf_get() for those a dump
 *                                   leaves out (aliases, unset strings).
 *                                   Undocumented properties are named on
 *                                   stderr
 *   dump_catalog rdkafka-version    rd_kafka_version_str()
 *
 * Both sides print "(api)" for a callback or pointer, which is set with
 * its own API call and has no value as text, and "(build)" for
 * builtin.features, which says what the build has.
 *
 * Exit status 0, 1 on a read error, 2 on a usage error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#include "catalog.h"
#include "version.h"

/* The dialects Kafka's ConfigDefs define, and librdkafka. */
static const enum ka_dialect dumped[] = {
	KA_DIALECT_BROKER, KA_DIALECT_TOPIC, KA_DIALECT_PRODUCER,
	KA_DIALECT_CONSUMER, KA_DIALECT_LIBRDKAFKA,
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define LINE_MAX_	65536

static int
is_dumped(enum ka_dialect d)
{
	size_t	 i;

	for (i = 0; i < NELEM(dumped); i++)
		if (dumped[i] == d)
			return 1;
	return 0;
}

static int
in_release(const struct ka_keydef *k, unsigned long v)
{
	if (k->dialect == KA_DIALECT_LIBRDKAFKA)
		return 1;
	return !(k->since != 0 && v < k->since) &&
	    !(k->until != 0 && v >= k->until);
}

static void
row(const char *dialect, const char *name, const char *dflt)
{
	printf("%s\t%s\t%s\n", dialect, name, dflt != NULL ? dflt : "null");
}

/* The value of a documented property that is not a setting. */
static const char *
not_a_value(const struct ka_keydef *k)
{
	/* Callbacks and pointers, set with their own API call. */
	if (k->flags & KA_KEY_API_ONLY)
		return "(api)";
	/* What this build of librdkafka was compiled with. */
	if (strcmp(k->name, "builtin.features") == 0)
		return "(build)";
	return NULL;
}

static int
keys(const char *version)
{
	const struct ka_keydef	*k;
	unsigned long		 v;
	size_t			 i, n;

	if (ka_version_parse(version, &v) == -1) {
		fprintf(stderr, "dump_catalog: bad version: %s\n", version);
		return 2;
	}
	k = ka_catalog_keys(&n);
	for (i = 0; i < n; i++)
		if (is_dumped(k[i].dialect) && in_release(&k[i], v))
			row(ka_catalog_dialect_name(k[i].dialect), k[i].name,
			    k[i].dialect == KA_DIALECT_LIBRDKAFKA &&
			    not_a_value(&k[i]) != NULL ? not_a_value(&k[i]) :
			    ka_catalog_default(&k[i], v, NULL));
	return 0;
}

static int
dialect_parse(const char *s, enum ka_dialect *d)
{
	size_t	 i;

	for (i = 0; i < NELEM(dumped); i++)
		if (strcmp(ka_catalog_dialect_name(dumped[i]), s) == 0) {
			*d = dumped[i];
			return 0;
		}
	return -1;
}

static int
normalize(void)
{
	static char		 line[LINE_MAX_];
	const struct ka_keydef	*k;
	enum ka_dialect		 d;
	const char		*why;
	char			*name, *dflt, *out, *nl;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if ((name = strchr(line, '\t')) == NULL ||
		    (dflt = strchr(++name, '\t')) == NULL) {
			fprintf(stderr, "dump_catalog: not dialect, name, "
			    "default: %s\n", line);
			return 1;
		}
		name[-1] = *dflt++ = '\0';
		out = NULL;
		if (dialect_parse(line, &d) == 0 && strcmp(dflt, "null") != 0 &&
		    (k = ka_catalog_find(d, name)) != NULL)
			ka_catalog_normalize(k, dflt, &out, &why);
		row(line, name, out != NULL ? out : dflt);
		free(out);
	}
	return ferror(stdin) ? 1 : 0;
}

struct prop {
	char	*name;
	int	 topic;		/* a topic-level property */
	int	 shown;		/* rd_kafka_conf_properties_show() lists it */
};

struct props {
	struct prop	*v;
	size_t		 len;
};

static struct prop *
props_find(struct props *ps, const char *name)
{
	size_t	 i;

	for (i = 0; i < ps->len; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return &ps->v[i];
	return NULL;
}

static struct prop *
props_add(struct props *ps, const char *name, int topic)
{
	struct prop	*p;
	char		*copy;

	if ((p = props_find(ps, name)) != NULL)
		return p;
	ps->v = realloc(ps->v, (ps->len + 1) * sizeof(*ps->v));
	if (ps->v == NULL || (copy = strdup(name)) == NULL) {
		fprintf(stderr, "dump_catalog: out of memory\n");
		exit(1);
	}
	p = &ps->v[ps->len++];
	p->name = copy;
	p->topic = topic;
	p->shown = 0;
	return p;
}

/*
 * The properties librdkafka documents: the first column of the tables
 * that rd_kafka_conf_properties_show() prints, which is what
 * CONFIGURATION.md is made of.  A name in both tables is the global one,
 * as rd_kafka_conf_set() on a global configuration prefers it.
 */
static int
documented(struct props *ps)
{
	static char	 line[LINE_MAX_];
	FILE		*fp;
	char		*bar, *end;
	int		 topic = 0;

	if ((fp = tmpfile()) == NULL)
		return -1;
	rd_kafka_conf_properties_show(fp);
	rewind(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "## ", 3) == 0)
			topic = strncmp(line, "## Topic", 8) == 0;
		if ((bar = strstr(line, " | ")) == NULL || line[0] == '-')
			continue;
		for (end = bar; end > line && end[-1] == ' '; end--)
			;
		*end = '\0';
		if (strcmp(line, "Property") != 0)
			props_add(ps, line, topic)->shown = 1;
	}
	fclose(fp);
	return 0;
}

/* value of the property, from a dump, else asked for (aliases, unset). */
static char *
value(const char **dump, size_t n, const struct prop *p,
    const rd_kafka_conf_t *conf, const rd_kafka_topic_conf_t *tconf)
{
	char		 buf[4096];
	size_t		 i, size = sizeof(buf);
	rd_kafka_conf_res_t res;

	for (i = 0; i + 1 < n; i += 2)
		if (strcmp(dump[i], p->name) == 0)
			return strdup(dump[i + 1] != NULL ? dump[i + 1] : "");
	res = p->topic ? rd_kafka_topic_conf_get(tconf, p->name, buf, &size) :
	    rd_kafka_conf_get(conf, p->name, buf, &size);
	return res == RD_KAFKA_CONF_OK ? strdup(buf) : NULL;
}

static int
rdkafka(void)
{
	rd_kafka_conf_t		*conf;
	rd_kafka_topic_conf_t	*tconf;
	const struct ka_keydef	*k;
	const char		**gd, **td;
	struct props		 ps = { NULL, 0 };
	struct prop		*p;
	char			*v;
	size_t			 i, gn, tn;
	int			 hidden = 0;

	conf = rd_kafka_conf_new();
	tconf = rd_kafka_topic_conf_new();
	gd = rd_kafka_conf_dump(conf, &gn);
	td = rd_kafka_topic_conf_dump(tconf, &tn);
	if (documented(&ps) == -1) {
		perror("dump_catalog: tmpfile");
		return 1;
	}
	/* What the dumps hold that no table shows. */
	for (i = 0; i + 1 < gn; i += 2)
		props_add(&ps, gd[i], 0);
	for (i = 0; i + 1 < tn; i += 2)
		props_add(&ps, td[i], 1);
	for (i = 0; i < ps.len; i++) {
		p = &ps.v[i];
		if (!p->shown) {
			fprintf(stderr, "%s%s", hidden++ ? ", " : "librdkafka "
			    "accepts these undocumented properties: ",
			    p->name);
			continue;
		}
		k = ka_catalog_find(KA_DIALECT_LIBRDKAFKA, p->name);
		if (k != NULL && not_a_value(k) != NULL) {
			row("librdkafka", p->name, not_a_value(k));
			continue;
		}
		v = p->topic ? value(td, tn, p, conf, tconf) :
		    value(gd, gn, p, conf, tconf);
		row("librdkafka", p->name, v != NULL && *v != '\0' ? v : NULL);
		free(v);
	}
	if (hidden)
		fputc('\n', stderr);
	for (i = 0; i < ps.len; i++)
		free(ps.v[i].name);
	free(ps.v);
	rd_kafka_conf_dump_free(gd, gn);
	rd_kafka_conf_dump_free(td, tn);
	rd_kafka_topic_conf_destroy(tconf);
	rd_kafka_conf_destroy(conf);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "keys") == 0)
		return keys(argv[2]);
	if (argc == 2 && strcmp(argv[1], "normalize") == 0)
		return normalize();
	if (argc == 2 && strcmp(argv[1], "rdkafka") == 0)
		return rdkafka();
	if (argc == 2 && strcmp(argv[1], "rdkafka-version") == 0) {
		printf("%s\n", rd_kafka_version_str());
		return 0;
	}
	fprintf(stderr, "usage: dump_catalog keys VERSION | normalize | "
	    "rdkafka | rdkafka-version\n");
	return 2;
}
