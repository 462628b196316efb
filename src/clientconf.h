/*
 * The client configuration of a live audit: the librdkafka properties
 * that kafka-audit connects with, built from the command line in the
 * order given (a later setting wins, as with kcat):
 *
 *	-b, --bootstrap-server HOST:PORT[,...]	bootstrap.servers
 *	-X key=value				one librdkafka property
 *	-F file					librdkafka properties (kcat)
 *	--command-config file			Java client properties
 *
 * Files are read with the .properties reader, so Java syntax is exact.
 * Java security settings are translated to librdkafka's through one
 * table (sasl.jaas.config becomes sasl.username and sasl.password, a PEM
 * truststore ssl.ca.location, ...), or refused with a message that names
 * the librdkafka key to use instead.  Pure: no librdkafka here, live.c
 * hands the result to rd_kafka_conf_set().
 */
#ifndef KA_CLIENTCONF_H
#define KA_CLIENTCONF_H

#include <stddef.h>

#include "diag.h"

struct ka_source;

enum ka_conn_kind {
	KA_CONN_BOOTSTRAP,	/* -b, --bootstrap-server */
	KA_CONN_PROPERTY,	/* -X key=value */
	KA_CONN_FILE,		/* -F: librdkafka names */
	KA_CONN_COMMAND_CONFIG	/* --command-config: Java names */
};

/* One connection flag of the command line, in order. */
struct ka_conn_arg {
	enum ka_conn_kind	 kind;
	const char		*arg;		/* borrowed from argv */
};

/* One librdkafka property, as it will be set. */
struct ka_clientprop {
	char		*name;		/* owned: librdkafka's name */
	char		*value;		/* owned; a secret when sensitive */
	int		 sensitive;	/* never print value */
	const char	*given_as;	/* static: the Java key it was
					   translated from, or NULL */
	const char	*flag;		/* static: "-X" or "-b" when it came
					   from the command line, else NULL */
	struct ka_loc	 loc;		/* the key in its file; path borrowed
					   from the clientconf's sources */
};

struct ka_clientconf {
	struct ka_clientprop	 *v;	/* owned, in the order to set */
	size_t			  len, cap;
	struct ka_source	**srcs;	/* owned: the files read */
	size_t			  nsrcs;
};

void	ka_clientconf_init(struct ka_clientconf *);
void	ka_clientconf_clear(struct ka_clientconf *);

/*
 * Build the properties from the flags, in order.  Returns 0, or -1 after
 * appending at least one input diagnostic (connect.*, source.*, props.*);
 * every problem is reported, not just the first.  Notes (connect.ignored)
 * may be appended on success.  A missing bootstrap.servers is an error.
 */
int	ka_clientconf_build(struct ka_clientconf *,
	    const struct ka_conn_arg *, size_t, struct ka_diags *);

/* The value that wins for a librdkafka name, or NULL; borrowed. */
const char	*ka_clientconf_get(const struct ka_clientconf *,
		    const char *name);

/* 1 if the value of a property of this name, Java or librdkafka, is a
 * secret that must never appear in any output. */
int	ka_clientconf_is_secret(const char *name);

/*
 * Copy text with every secret value of conf replaced by "(redacted)", so
 * that a message from librdkafka that quotes a value cannot leak one.
 * Returns an owned string.
 */
char	*ka_clientconf_scrub(const struct ka_clientconf *, const char *text);

/* Where a property was given, for messages: "-X sasl.mechanism",
 * "client.properties:3:1"; owned. */
char	*ka_clientconf_where(const struct ka_clientprop *);

#endif
