/*
 * Makes many topics at once for bench/live.sh, through librdkafka's
 * CreateTopics (one JVM per topic with kafka-topics would take most of
 * an hour for a thousand).  Not part of kafka-audit.
 *
 *   mktopics BOOTSTRAP PREFIX COUNT PARTITIONS RF [KEY=VALUE...]
 *
 * makes PREFIX-0000 .. PREFIX-(COUNT-1), BATCH to a request, with the
 * given topic configs.  A topic that exists already counts as made.
 * Exit 0 when every topic is there, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#define BATCH	100
#define TIMEOUT	120000	/* ms, for each batch */

static int
batch(rd_kafka_t *rk, rd_kafka_queue_t *q, const char *prefix, int first,
    int n, int parts, int rf, char **kv, int nkv)
{
	rd_kafka_NewTopic_t		**nt;
	rd_kafka_AdminOptions_t		 *opts;
	rd_kafka_event_t		 *ev;
	const rd_kafka_CreateTopics_result_t *res;
	const rd_kafka_topic_result_t	**tr;
	char				  name[256], err[256], *eq;
	size_t				  i, cnt;
	int				  j, bad = 0;

	nt = calloc((size_t)n, sizeof(*nt));
	if (nt == NULL)
		return -1;
	for (j = 0; j < n; j++) {
		snprintf(name, sizeof(name), "%s-%04d", prefix, first + j);
		nt[j] = rd_kafka_NewTopic_new(name, parts, rf, err,
		    sizeof(err));
		if (nt[j] == NULL) {
			fprintf(stderr, "mktopics: %s: %s\n", name, err);
			return -1;
		}
		for (i = 0; i < (size_t)nkv; i++) {
			eq = strchr(kv[i], '=');
			*eq = '\0';
			rd_kafka_NewTopic_set_config(nt[j], kv[i], eq + 1);
			*eq = '=';
		}
	}
	opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
	rd_kafka_AdminOptions_set_operation_timeout(opts, TIMEOUT, err,
	    sizeof(err));
	rd_kafka_AdminOptions_set_request_timeout(opts, TIMEOUT, err,
	    sizeof(err));
	rd_kafka_CreateTopics(rk, nt, (size_t)n, opts, q);
	ev = rd_kafka_queue_poll(q, TIMEOUT + 10000);
	if (ev == NULL || rd_kafka_event_error(ev) != 0) {
		fprintf(stderr, "mktopics: CreateTopics: %s\n", ev == NULL ?
		    "no answer" : rd_kafka_event_error_string(ev));
		bad = 1;
	} else {
		res = rd_kafka_event_CreateTopics_result(ev);
		tr = rd_kafka_CreateTopics_result_topics(res, &cnt);
		for (i = 0; i < cnt; i++) {
			if (rd_kafka_topic_result_error(tr[i]) == 0 ||
			    rd_kafka_topic_result_error(tr[i]) ==
			    RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
				continue;
			fprintf(stderr, "mktopics: %s: %s\n",
			    rd_kafka_topic_result_name(tr[i]),
			    rd_kafka_topic_result_error_string(tr[i]));
			bad = 1;
		}
	}
	if (ev != NULL)
		rd_kafka_event_destroy(ev);
	rd_kafka_AdminOptions_destroy(opts);
	rd_kafka_NewTopic_destroy_array(nt, (size_t)n);
	free(nt);
	return bad ? -1 : 0;
}

int
main(int argc, char **argv)
{
	rd_kafka_conf_t		*conf;
	rd_kafka_t		*rk;
	rd_kafka_queue_t	*q;
	char			 err[512];
	int			 count, parts, rf, i, n, rc = 0;

	if (argc < 6) {
		fprintf(stderr, "usage: mktopics BOOTSTRAP PREFIX COUNT "
		    "PARTITIONS RF [KEY=VALUE...]\n");
		return 2;
	}
	count = atoi(argv[3]);
	parts = atoi(argv[4]);
	rf = atoi(argv[5]);
	for (i = 6; i < argc; i++)
		if (strchr(argv[i], '=') == NULL) {
			fprintf(stderr, "mktopics: not KEY=VALUE: %s\n",
			    argv[i]);
			return 2;
		}
	conf = rd_kafka_conf_new();
	if (rd_kafka_conf_set(conf, "bootstrap.servers", argv[1], err,
	    sizeof(err)) != RD_KAFKA_CONF_OK) {
		fprintf(stderr, "mktopics: %s\n", err);
		return 2;
	}
	rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
	if (rk == NULL) {
		fprintf(stderr, "mktopics: %s\n", err);
		return 1;
	}
	q = rd_kafka_queue_new(rk);
	for (i = 0; i < count && rc == 0; i += BATCH) {
		n = count - i < BATCH ? count - i : BATCH;
		if (batch(rk, q, argv[2], i, n, parts, rf, argv + 6,
		    argc - 6) == -1)
			rc = 1;
	}
	rd_kafka_queue_destroy(q);
	rd_kafka_destroy(rk);
	return rc;
}
