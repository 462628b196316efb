/*
 * Deciding what a file is: its role (broker, topic, producer, consumer) and,
 * for clients, which client reads it (Java or librdkafka).  Directives in
 * comments ("# kafka-audit: type=producer client=librdkafka") and flags
 * win; otherwise the file name, then the keys decide.  A file whose keys
 * point two ways is reported, never guessed.
 */
#ifndef KA_ROLE_H
#define KA_ROLE_H

#include "catalog.h"

struct ka_diags;
struct ka_settings;

struct ka_role_opts {
	int		 type_forced;	/* --type given */
	enum ka_role	 type;
	int		 client_forced;	/* --client given */
	enum ka_client	 client;
	unsigned long	 version;	/* --kafka-version */
};

/* How a file came to be audited. */
enum ka_input {
	KA_INPUT_NAMED,		/* named on the command line */
	KA_INPUT_FOUND,		/* a *.properties file in a directory */
	KA_INPUT_FOUND_OTHER	/* any other file in a directory: audited
				   only if its keys are Kafka keys, and its
				   name says nothing (producer.py is code) */
};

#define KA_ROLE_FOUND_OK	0	/* role and client set */
#define KA_ROLE_FOUND_NONE	1	/* not a Kafka file, or one of a kind
					   not audited (a note says which) */
#define KA_ROLE_FOUND_ERROR	(-1)	/* diagnostics appended */

/*
 * Classify s (whose src, props and directives are set): fills role,
 * role_basis, client, client_basis and dialect.  A file found in a
 * directory with no Kafka keys is skipped, not an error.
 */
int	ka_role_classify(struct ka_settings *, const struct ka_role_opts *,
	    enum ka_input, struct ka_diags *);

#endif
