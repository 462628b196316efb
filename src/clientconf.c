/*
 * The client configuration of a live audit, from -b, -X, -F and
 * --command-config.  Two passes: the flags and files are first read into
 * a list of raw entries in command-line order; then each entry is set as
 * it is, or translated from Java through jkeys[], the one table of Java
 * client settings that librdkafka spells or understands differently.
 *
 * Keys that librdkafka does not have at all (java_only) are translated
 * whatever file they come from; keys that both have but read differently
 * (ssl.keystore.location is a JKS store by default in Java, always
 * PKCS#12 in librdkafka) only when they come from --command-config.  A
 * key that is in neither list goes to librdkafka unchanged, and
 * rd_kafka_conf_set() in live.c says whether it knows it.
 */
#include "config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientconf.h"
#include "props.h"
#include "source.h"
#include "xmalloc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum action {
	A_RENAME,		/* set as rdk */
	A_JAAS,			/* sasl.jaas.config */
	A_TRUSTSTORE,		/* ssl.truststore.location */
	A_KEYSTORE,		/* ssl.keystore.location */
	A_KEYSTORE_PASSWORD,	/* ssl.keystore.password */
	A_KEY_PASSWORD,		/* ssl.key.password */
	A_ENDPOINT,		/* ssl.endpoint.identification.algorithm */
	A_CONSUMED,		/* read by the row of another key */
	A_IGNORE,		/* a note says why, nothing is set */
	A_REJECT		/* an error says why and what to use */
};

/*
 * Java client settings, first match wins (java is an fnmatch pattern, so
 * a specific row must come before a family).  rdk is the librdkafka key,
 * for A_RENAME the one set and for A_REJECT the one to use instead; why
 * completes the message of A_IGNORE and A_REJECT.
 */
static const struct jkey {
	const char	*java;
	enum action	 action;
	int		 java_only;
	const char	*rdk;
	const char	*why;
} jkeys[] = {
	{ "sasl.mechanism", A_RENAME, 0, "sasl.mechanisms", NULL },
	{ "sasl.jaas.config", A_JAAS, 1, NULL, NULL },
	{ "sasl.login.class", A_REJECT, 1, "sasl.oauthbearer.method",
	    "it names a Java class, which librdkafka cannot load" },
	{ "sasl.*.callback.handler.class", A_REJECT, 1,
	    "sasl.oauthbearer.method",
	    "it names a Java class, which librdkafka cannot load" },
	{ "sasl.login.*", A_IGNORE, 1, NULL,
	    "it tunes the Java login thread" },
	{ "sasl.kerberos.kinit.cmd", A_IGNORE, 0, NULL,
	    "librdkafka's key of that name is a whole command line; set it "
	    "with -X if the default does not suit" },
	{ "sasl.kerberos.ticket.renew.*", A_IGNORE, 1, NULL,
	    "librdkafka renews tickets with kinit on its own schedule" },
	{ "sasl.oauthbearer.jwks.endpoint.*", A_IGNORE, 1, NULL,
	    "it configures token validation, which clients do not do" },
	{ "sasl.oauthbearer.expected.*", A_IGNORE, 1, NULL,
	    "it configures token validation, which clients do not do" },
	{ "sasl.oauthbearer.*.claim.name", A_IGNORE, 1, NULL,
	    "it configures token validation, which clients do not do" },
	{ "sasl.oauthbearer.clock.skew.seconds", A_IGNORE, 1, NULL,
	    "it configures token validation, which clients do not do" },
	{ "ssl.truststore.location", A_TRUSTSTORE, 1, "ssl.ca.location",
	    NULL },
	{ "ssl.truststore.type", A_CONSUMED, 1, NULL, NULL },
	{ "ssl.truststore.password", A_CONSUMED, 1, NULL, NULL },
	{ "ssl.truststore.certificates", A_RENAME, 1, "ssl.ca.pem", NULL },
	{ "ssl.keystore.location", A_KEYSTORE, 0, "ssl.keystore.location",
	    NULL },
	{ "ssl.keystore.type", A_CONSUMED, 1, NULL, NULL },
	{ "ssl.keystore.password", A_KEYSTORE_PASSWORD, 0, NULL, NULL },
	{ "ssl.key.password", A_KEY_PASSWORD, 0, NULL, NULL },
	{ "ssl.keystore.key", A_RENAME, 1, "ssl.key.pem", NULL },
	{ "ssl.keystore.certificate.chain", A_RENAME, 1,
	    "ssl.certificate.pem", NULL },
	{ "ssl.endpoint.identification.algorithm", A_ENDPOINT, 1, NULL,
	    NULL },
	{ "ssl.cipher.suites", A_REJECT, 0, "ssl.cipher.suites",
	    "librdkafka takes OpenSSL cipher names "
	    "(ECDHE-RSA-AES128-GCM-SHA256), not Java's; give them with -X" },
	{ "ssl.engine.factory.class", A_REJECT, 1, "ssl.engine.location",
	    "it names a Java class; librdkafka loads OpenSSL engines" },
	{ "ssl.protocol", A_IGNORE, 1, NULL,
	    "librdkafka negotiates the TLS version with OpenSSL" },
	{ "ssl.enabled.protocols", A_IGNORE, 1, NULL,
	    "librdkafka negotiates the TLS version with OpenSSL" },
	{ "ssl.provider", A_IGNORE, 1, NULL,
	    "it selects a Java security provider" },
	{ "ssl.*manager.algorithm", A_IGNORE, 1, NULL,
	    "it selects a Java key or trust manager" },
	{ "ssl.secure.random.implementation", A_IGNORE, 1, NULL,
	    "it selects a Java random number generator" },
	{ "security.providers", A_IGNORE, 1, NULL,
	    "it selects Java security providers" },
	{ "receive.buffer.bytes", A_RENAME, 1, "socket.receive.buffer.bytes",
	    NULL },
	{ "send.buffer.bytes", A_RENAME, 1, "socket.send.buffer.bytes",
	    NULL },
	{ "default.api.timeout.ms", A_IGNORE, 1, NULL,
	    "--timeout bounds the whole audit" },
	{ "metric.reporters", A_IGNORE, 1, NULL, "it configures Java metrics" },
	{ "metrics.*", A_IGNORE, 1, NULL, "it configures Java metrics" },
	{ "auto.include.jmx.reporter", A_IGNORE, 1, NULL,
	    "it configures Java metrics" },
	{ "enable.metrics.push", A_IGNORE, 1, NULL,
	    "it configures Java metrics" },
};

/*
 * Names whose values are secrets, Java's and librdkafka's, as fnmatch
 * patterns.  Matching is generous: hiding a value that was not secret
 * costs little.
 */
static const char *const secret_patterns[] = {
	"*password*",
	"*secret*",
	"*jaas.config",
	"sasl.oauthbearer.config",
	"ssl.key.pem",
	"ssl_key",
	"ssl.keystore.key",
	"*basic.auth.user.info",
	"*credentials*",
};

/* The login modules of sasl.jaas.config librdkafka can stand in for. */
enum jaas_kind {
	JAAS_USER_PASSWORD,	/* PLAIN and SCRAM */
	JAAS_KERBEROS
};

static const struct {
	const char	*module;
	enum jaas_kind	 kind;
} jaas_modules[] = {
	{ "org.apache.kafka.common.security.plain.PlainLoginModule",
	    JAAS_USER_PASSWORD },
	{ "org.apache.kafka.common.security.scram.ScramLoginModule",
	    JAAS_USER_PASSWORD },
	{ "com.sun.security.auth.module.Krb5LoginModule", JAAS_KERBEROS },
};

/* JAAS options librdkafka has a key for, by module kind. */
static const struct {
	enum jaas_kind	 kind;
	const char	*option;
	const char	*rdk;
	int		 required;
} jaas_options[] = {
	{ JAAS_USER_PASSWORD, "username", "sasl.username", 1 },
	{ JAAS_USER_PASSWORD, "password", "sasl.password", 1 },
	{ JAAS_KERBEROS, "keyTab", "sasl.kerberos.keytab", 0 },
	{ JAAS_KERBEROS, "principal", "sasl.kerberos.principal", 0 },
};

/* A setting as read, before translation; strings owned. */
struct raw {
	char		*key;
	char		*value;
	struct ka_loc	 kloc;		/* path borrowed from a source */
	struct ka_loc	 vloc;
	const char	*flag;		/* "-X", "-b", or NULL for a file */
	int		 java;		/* from --command-config */
};

struct raws {
	struct raw	*v;
	size_t		 len;
};

/* Store types, as Java names them. */
enum store {
	STORE_JKS,
	STORE_PKCS12,
	STORE_PEM,
	STORE_OTHER
};

static const struct {
	const char	*name;
	enum store	 store;
} stores[] = {
	{ "JKS", STORE_JKS },
	{ "PKCS12", STORE_PKCS12 },
	{ "PEM", STORE_PEM },
};

struct build {
	struct ka_clientconf	*cc;
	struct ka_diags		*d;
	enum store		 truststore, keystore;
	const char		*truststore_type, *keystore_type;
	int			 rc;
};

void
ka_clientconf_init(struct ka_clientconf *cc)
{
	memset(cc, 0, sizeof(*cc));
}

void
ka_clientconf_clear(struct ka_clientconf *cc)
{
	size_t	 i;

	for (i = 0; i < cc->len; i++) {
		free(cc->v[i].name);
		if (cc->v[i].value != NULL)
			explicit_bzero(cc->v[i].value, strlen(cc->v[i].value));
		free(cc->v[i].value);
	}
	free(cc->v);
	for (i = 0; i < cc->nsrcs; i++)
		ka_source_free(cc->srcs[i]);
	free(cc->srcs);
	ka_clientconf_init(cc);
}

int
ka_clientconf_is_secret(const char *name)
{
	size_t	 i;

	for (i = 0; i < NELEM(secret_patterns); i++)
		if (fnmatch(secret_patterns[i], name, 0) == 0)
			return 1;
	return 0;
}

const char *
ka_clientconf_get(const struct ka_clientconf *cc, const char *name)
{
	size_t	 i;

	for (i = cc->len; i > 0; i--)
		if (strcmp(cc->v[i - 1].name, name) == 0)
			return cc->v[i - 1].value;
	return NULL;
}

char *
ka_clientconf_where(const struct ka_clientprop *p)
{
	if (p->flag != NULL && strcmp(p->flag, "-X") == 0)
		return xasprintf("-X %s", p->given_as != NULL ? p->given_as :
		    p->name);
	if (p->flag != NULL)
		return xstrdup(p->flag);
	if (p->loc.path == NULL)
		return xstrdup(p->name);
	return xasprintf("%s:%u:%u", p->loc.path, p->loc.line, p->loc.col);
}

char *
ka_clientconf_scrub(const struct ka_clientconf *cc, const char *text)
{
	const struct ka_clientprop	*p;
	const char			*hit;
	char				*s, *n;
	size_t				 i, vlen;

	s = xstrdup(text);
	for (i = 0; i < cc->len; i++) {
		p = &cc->v[i];
		if (!p->sensitive || p->value == NULL || *p->value == '\0')
			continue;
		vlen = strlen(p->value);
		while ((hit = strstr(s, p->value)) != NULL) {
			n = xasprintf("%.*s(redacted)%s", (int)(hit - s), s,
			    hit + vlen);
			free(s);
			s = n;
		}
	}
	return s;
}

static void
raw_add(struct raws *rs, const char *key, const char *value,
    const struct ka_loc *kloc, const struct ka_loc *vloc, const char *flag,
    int java)
{
	struct raw	*r;

	rs->v = xreallocarray(rs->v, rs->len + 1, sizeof(*rs->v));
	r = &rs->v[rs->len++];
	memset(r, 0, sizeof(*r));
	r->key = xstrdup(key);
	r->value = xstrdup(value);
	if (kloc != NULL)
		r->kloc = *kloc;
	if (vloc != NULL)
		r->vloc = *vloc;
	r->flag = flag;
	r->java = java;
}

static void
raws_clear(struct raws *rs)
{
	size_t	 i;

	for (i = 0; i < rs->len; i++) {
		free(rs->v[i].key);
		explicit_bzero(rs->v[i].value, strlen(rs->v[i].value));
		free(rs->v[i].value);
	}
	free(rs->v);
}

/* Read one file into raws; its source joins cc. */
static int
read_file(struct ka_clientconf *cc, struct raws *rs, const char *path,
    int java, struct ka_diags *d)
{
	struct ka_source	*src;
	struct ka_props		 props;
	size_t			 i;
	int			 rc = 0;

	src = ka_source_read(path, NULL, d);
	if (src == NULL)
		return -1;
	cc->srcs = xreallocarray(cc->srcs, cc->nsrcs + 1, sizeof(*cc->srcs));
	cc->srcs[cc->nsrcs++] = src;
	if (ka_props_parse(&props, src, d) == -1)
		rc = -1;
	for (i = 0; i < props.len; i++)
		raw_add(rs, props.v[i].key, props.v[i].value,
		    &props.v[i].key_loc, &props.v[i].value_loc, NULL, java);
	for (i = 0; i < props.len; i++)
		explicit_bzero(props.v[i].value, props.v[i].value_len);
	ka_props_clear(&props);
	return rc;
}

/* -X key=value.  The argument is not quoted back: it may be a secret. */
static int
read_property(struct raws *rs, const char *arg, size_t nth,
    struct ka_diags *d)
{
	const char	*eq;
	char		*key;

	eq = strchr(arg, '=');
	if (eq == NULL || eq == arg) {
		ka_diag(d, KA_D_CONNECT_SYNTAX, NULL, "-X number %zu is not "
		    "key=value%s", nth, eq == NULL ? "" : ": the key is empty");
		return -1;
	}
	key = xstrndup(arg, (size_t)(eq - arg));
	raw_add(rs, key, eq + 1, NULL, NULL, "-X", 0);
	free(key);
	return 0;
}

static const struct jkey *
jkey_find(const char *key)
{
	size_t	 i;

	for (i = 0; i < NELEM(jkeys); i++)
		if (fnmatch(jkeys[i].java, key, 0) == 0)
			return &jkeys[i];
	return NULL;
}

static void
set(struct build *b, const char *name, const char *value,
    const char *given_as, const struct raw *r)
{
	struct ka_clientconf	*cc = b->cc;
	struct ka_clientprop	*p;

	if (cc->len == cc->cap) {
		cc->cap = cc->cap == 0 ? 16 : cc->cap * 2;
		cc->v = xreallocarray(cc->v, cc->cap, sizeof(*cc->v));
	}
	p = &cc->v[cc->len++];
	memset(p, 0, sizeof(*p));
	p->name = xstrdup(name);
	p->value = xstrdup(value);
	p->given_as = given_as;
	/* By librdkafka's name: sasl.username from sasl.jaas.config is not
	 * a secret, sasl.password is. */
	p->sensitive = ka_clientconf_is_secret(name);
	p->flag = r->flag;
	p->loc = r->kloc;
}

/* An error or note about a raw entry, at its key (or value) in its file. */
static void
fail(struct build *b, const struct raw *r, int at_value,
    enum ka_diag_code code, const char *fmt, ...)
    __attribute__((__format__(__printf__, 5, 6)));

static void
fail(struct build *b, const struct raw *r, int at_value,
    enum ka_diag_code code, const char *fmt, ...)
{
	const struct ka_loc	*loc = at_value ? &r->vloc : &r->kloc;
	va_list			 ap;
	char			*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (r->flag != NULL)
		ka_diag(b->d, code, NULL, "%s %s: %s", r->flag, r->key, msg);
	else
		ka_diag(b->d, code, loc, "%s: %s", r->key, msg);
	free(msg);
	if (ka_diag_level(code) >= KA_LEVEL_INPUT)
		b->rc = -1;
}

/*
 * The type of a store: the type given, else Java's default, JKS, except
 * for a file named *.p12 or *.pfx, which Java 9 and later read as PKCS#12
 * even when the type says JKS (keystore.type.compat).
 */
static enum store
store_type(const char *type, const char *location)
{
	size_t	 i, len;

	if (type != NULL) {
		for (i = 0; i < NELEM(stores); i++)
			if (strcasecmp(stores[i].name, type) == 0)
				return stores[i].store;
		return STORE_OTHER;
	}
	len = location != NULL ? strlen(location) : 0;
	if (len > 4 && (strcasecmp(location + len - 4, ".p12") == 0 ||
	    strcasecmp(location + len - 4, ".pfx") == 0))
		return STORE_PKCS12;
	return STORE_JKS;
}

/* The last value of a key among the raw entries it applies to, or NULL. */
static const char *
last(const struct raws *rs, const char *key, int java_only)
{
	size_t	 i;

	for (i = rs->len; i > 0; i--)
		if ((java_only || rs->v[i - 1].java) &&
		    strcmp(rs->v[i - 1].key, key) == 0)
			return rs->v[i - 1].value;
	return NULL;
}

static void
truststore(struct build *b, const struct raw *r)
{
	switch (b->truststore) {
	case STORE_PEM:
		set(b, "ssl.ca.location", r->value, "ssl.truststore.location",
		    r);
		return;
	case STORE_JKS:
		fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "a JKS truststore, "
		    "which librdkafka cannot read; export its certificates to "
		    "PEM (keytool -exportcert -rfc) and give the file with "
		    "%s", "ssl.ca.location");
		return;
	case STORE_PKCS12:
		fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "librdkafka reads no "
		    "PKCS12 truststore; convert it to PEM (openssl pkcs12 "
		    "-nokeys) and give the file with %s", "ssl.ca.location");
		return;
	case STORE_OTHER:
		break;
	}
	fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "ssl.truststore.type '%s' "
	    "is not one librdkafka can read; give a PEM file with %s",
	    b->truststore_type, "ssl.ca.location");
}

static void
keystore(struct build *b, const struct raw *r)
{
	switch (b->keystore) {
	case STORE_PKCS12:
		set(b, "ssl.keystore.location", r->value,
		    "ssl.keystore.location", r);
		return;
	case STORE_PEM:
		/* One PEM file holds both; OpenSSL takes what it needs. */
		set(b, "ssl.certificate.location", r->value,
		    "ssl.keystore.location", r);
		set(b, "ssl.key.location", r->value, "ssl.keystore.location",
		    r);
		return;
	case STORE_JKS:
		fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "a JKS keystore, "
		    "which librdkafka cannot read; convert it with keytool "
		    "-importkeystore -deststoretype PKCS12 and give the new "
		    "file with %s", "ssl.keystore.location");
		return;
	case STORE_OTHER:
		break;
	}
	fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "ssl.keystore.type '%s' is "
	    "not one librdkafka can read; convert the store to PKCS12 and "
	    "give it with %s", b->keystore_type, "ssl.keystore.location");
}

/* JAAS text: the next word (class, flag or option name) at *s. */
static char *
jaas_word(const char **s)
{
	const char	*start = *s, *p = *s;

	while (isalnum((unsigned char)*p) ||
	    (*p != '\0' && strchr("_.$-", *p) != NULL))
		p++;
	if (p == start)
		return NULL;
	*s = p;
	return xstrndup(start, (size_t)(p - start));
}

static void
jaas_space(const char **s)
{
	while (isspace((unsigned char)**s))
		(*s)++;
}

/*
 * An option value: "quoted" (backslash escapes the next character, as in
 * Java's JAAS ConfigFile tokenizer) or a bare word.  NULL on error.
 */
static char *
jaas_value(const char **s)
{
	const char	*p = *s;
	char		*v;
	size_t		 n = 0;

	if (*p != '"')
		return jaas_word(s);
	v = xmalloc(strlen(p) + 1);
	for (p++; *p != '"'; p++) {
		if (*p == '\0') {
			explicit_bzero(v, n);
			free(v);
			return NULL;
		}
		if (*p == '\\' && p[1] != '\0')
			p++;
		v[n++] = *p;
	}
	v[n] = '\0';
	*s = p + 1;
	return v;
}

/*
 * sasl.jaas.config: one login module, a control flag, options and a
 * semicolon.  Messages never quote the text, which holds the password.
 */
static void
jaas(struct build *b, const struct raw *r)
{
	const char	*s = r->value, *why = NULL;
	char		*module = NULL, *flag = NULL, *opt = NULL, *val = NULL;
	char		*vals[NELEM(jaas_options)];
	size_t		 i, m;

	memset(vals, 0, sizeof(vals));
	jaas_space(&s);
	module = jaas_word(&s);
	for (m = 0; module != NULL && m < NELEM(jaas_modules); m++)
		if (strcmp(jaas_modules[m].module, module) == 0)
			break;
	if (module == NULL) {
		why = "it does not start with a login module class";
		goto out;
	}
	if (m == NELEM(jaas_modules)) {
		fail(b, r, 1, KA_D_CONNECT_UNSUPPORTED, "librdkafka has no "
		    "equivalent of login module %s; configure SASL with "
		    "librdkafka's own keys (%s)", module,
		    "sasl.mechanisms, sasl.oauthbearer.*, ...");
		goto done;
	}
	jaas_space(&s);
	flag = jaas_word(&s);
	if (flag == NULL) {
		why = "the control flag (required) is missing";
		goto out;
	}
	for (;;) {
		jaas_space(&s);
		if (*s == ';')
			break;
		opt = jaas_word(&s);
		jaas_space(&s);
		if (opt == NULL || *s != '=') {
			why = "an option is not name=value";
			goto out;
		}
		s++;
		jaas_space(&s);
		val = jaas_value(&s);
		if (val == NULL) {
			why = "an option value is missing or its quote is "
			    "not closed";
			goto out;
		}
		for (i = 0; i < NELEM(jaas_options); i++)
			if (jaas_options[i].kind == jaas_modules[m].kind &&
			    strcmp(jaas_options[i].option, opt) == 0) {
				free(vals[i]);
				vals[i] = val;
				val = NULL;
			}
		if (val != NULL)
			explicit_bzero(val, strlen(val));
		free(val);
		val = NULL;
		free(opt);
		opt = NULL;
	}
	s++;
	jaas_space(&s);
	if (*s != '\0') {
		why = "it holds more than one login module";
		goto out;
	}
	for (i = 0; i < NELEM(jaas_options); i++)
		if (jaas_options[i].kind == jaas_modules[m].kind &&
		    jaas_options[i].required && vals[i] == NULL) {
			fail(b, r, 1, KA_D_CONNECT_UNSUPPORTED,
			    "the login module has no %s option; set %s "
			    "instead", jaas_options[i].option,
			    jaas_options[i].rdk);
			goto done;
		}
	for (i = 0; i < NELEM(jaas_options); i++)
		if (vals[i] != NULL)
			set(b, jaas_options[i].rdk, vals[i], "sasl.jaas.config",
			    r);
	goto done;
out:
	fail(b, r, 1, KA_D_CONNECT_UNSUPPORTED, "cannot be read: %s; set "
	    "sasl.username and sasl.password instead", why);
done:
	for (i = 0; i < NELEM(vals); i++)
		if (vals[i] != NULL) {
			explicit_bzero(vals[i], strlen(vals[i]));
			free(vals[i]);
		}
	free(module);
	free(flag);
	free(opt);
}

static void
translate(struct build *b, const struct raw *r)
{
	const struct jkey	*k;

	k = jkey_find(r->key);
	if (k == NULL || (!k->java_only && !r->java)) {
		set(b, r->key, r->value, NULL, r);
		return;
	}
	switch (k->action) {
	case A_RENAME:
		set(b, k->rdk, r->value, k->java, r);
		break;
	case A_JAAS:
		jaas(b, r);
		break;
	case A_TRUSTSTORE:
		truststore(b, r);
		break;
	case A_KEYSTORE:
		keystore(b, r);
		break;
	case A_KEYSTORE_PASSWORD:
		if (b->keystore == STORE_PKCS12)
			set(b, "ssl.keystore.password", r->value, k->java, r);
		break;
	case A_KEY_PASSWORD:
		if (b->keystore == STORE_PEM)
			set(b, "ssl.key.password", r->value, k->java, r);
		break;
	case A_ENDPOINT:
		if (*r->value == '\0' || strcasecmp(r->value, "none") == 0)
			set(b, "ssl.endpoint.identification.algorithm",
			    "none", k->java, r);
		else if (strcasecmp(r->value, "https") == 0)
			set(b, "ssl.endpoint.identification.algorithm",
			    "https", k->java, r);
		else
			fail(b, r, 1, KA_D_CONNECT_UNSUPPORTED, "'%s' is "
			    "neither https nor empty; librdkafka's %s takes "
			    "https or none", r->value,
			    "ssl.endpoint.identification.algorithm");
		break;
	case A_CONSUMED:
		break;
	case A_IGNORE:
		fail(b, r, 0, KA_D_CONNECT_IGNORED, "not passed to "
		    "librdkafka: %s", k->why);
		break;
	case A_REJECT:
		fail(b, r, 0, KA_D_CONNECT_UNSUPPORTED, "not supported: %s; "
		    "use %s", k->why, k->rdk);
		break;
	}
}

int
ka_clientconf_build(struct ka_clientconf *cc, const struct ka_conn_arg *args,
    size_t nargs, struct ka_diags *d)
{
	struct build	 b;
	struct raws	 rs;
	size_t		 i, nx = 0;

	memset(&b, 0, sizeof(b));
	memset(&rs, 0, sizeof(rs));
	b.cc = cc;
	b.d = d;
	for (i = 0; i < nargs; i++)
		switch (args[i].kind) {
		case KA_CONN_BOOTSTRAP:
			raw_add(&rs, "bootstrap.servers", args[i].arg, NULL,
			    NULL, "-b", 0);
			break;
		case KA_CONN_PROPERTY:
			if (read_property(&rs, args[i].arg, ++nx, d) == -1)
				b.rc = -1;
			break;
		case KA_CONN_FILE:
		case KA_CONN_COMMAND_CONFIG:
			if (read_file(cc, &rs, args[i].arg, args[i].kind ==
			    KA_CONN_COMMAND_CONFIG, d) == -1)
				b.rc = -1;
			break;
		}

	b.truststore_type = last(&rs, "ssl.truststore.type", 1);
	b.truststore = store_type(b.truststore_type,
	    last(&rs, "ssl.truststore.location", 1));
	b.keystore_type = last(&rs, "ssl.keystore.type", 1);
	b.keystore = store_type(b.keystore_type,
	    last(&rs, "ssl.keystore.location", 0));
	for (i = 0; i < rs.len; i++)
		translate(&b, &rs.v[i]);
	raws_clear(&rs);

	if (ka_clientconf_get(cc, "bootstrap.servers") == NULL &&
	    ka_clientconf_get(cc, "metadata.broker.list") == NULL) {
		ka_diag(d, KA_D_CONNECT_NO_BOOTSTRAP, NULL, "no bootstrap "
		    "server: give -b HOST:PORT, or bootstrap.servers in the "
		    "file of -F or --command-config");
		b.rc = -1;
	}
	return b.rc;
}
