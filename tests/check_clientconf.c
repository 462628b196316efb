#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "clientconf.h"
#include "diag.h"
#include "xmalloc.h"

/* A file with these contents; the caller unlinks and frees the path. */
static char *
tmpfile_with(const char *text)
{
	char	*path;
	FILE	*fp;
	int	 fd;

	path = xstrdup("/tmp/check_clientconf.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
}

struct run {
	struct ka_clientconf	 cc;
	struct ka_diags		 d;
	char			*path;
	int			 rc;
};

/*
 * Build from -b k:9092 (unless the file or props set it), the props given
 * as -X, then a file of kind kind with text (if not NULL).
 */
static void
build(struct run *r, const char *const *props, enum ka_conn_kind kind,
    const char *text)
{
	struct ka_conn_arg	 args[16];
	size_t			 n = 0;

	memset(r, 0, sizeof(*r));
	ka_clientconf_init(&r->cc);
	ka_diags_init(&r->d);
	args[n].kind = KA_CONN_BOOTSTRAP;
	args[n++].arg = "k:9092";
	for (; props != NULL && *props != NULL; props++) {
		args[n].kind = KA_CONN_PROPERTY;
		args[n++].arg = *props;
	}
	if (text != NULL) {
		r->path = tmpfile_with(text);
		args[n].kind = kind;
		args[n++].arg = r->path;
	}
	r->rc = ka_clientconf_build(&r->cc, args, n, &r->d);
}

static void
done(struct run *r)
{
	if (r->path != NULL) {
		unlink(r->path);
		free(r->path);
	}
	ka_clientconf_clear(&r->cc);
	ka_diags_clear(&r->d);
}

/* No diagnostic of r, and no output of anything, holds secret. */
static void
no_secret(const struct run *r, const char *secret)
{
	size_t	 i;

	for (i = 0; i < r->d.len; i++)
		ck_assert_msg(r->d.v[i].detail == NULL ||
		    strstr(r->d.v[i].detail, secret) == NULL,
		    "diagnostic leaks a secret: %s", r->d.v[i].detail);
}

/* Java files translated: the file, then name=value pairs expected. */
static const struct {
	const char	*file;
	const char	*want[8];	/* name, value, name, value ... */
	const char	*absent;	/* a name that must not be set */
} java_ok[] = {
	{ "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
	    "sasl.jaas.config=org.apache.kafka.common.security.scram."
	    "ScramLoginModule required username=\"app\" "
	    "password=\"s3cr\\\\\"et\";\n",
	    { "security.protocol", "SASL_SSL", "sasl.mechanisms",
	    "SCRAM-SHA-512", "sasl.username", "app", "sasl.password",
	    "s3cr\"et" }, "sasl.jaas.config" },
	{ "sasl.jaas.config = org.apache.kafka.common.security.plain.\\\n"
	    "    PlainLoginModule required \\\n    username=alice \\\n"
	    "    password=\"p w\"  ;  \n",
	    { "sasl.username", "alice", "sasl.password", "p w" }, NULL },
	{ "sasl.jaas.config=com.sun.security.auth.module.Krb5LoginModule "
	    "required useKeyTab=true keyTab=\"/etc/k.keytab\" "
	    "principal=\"kafka/h@R\";\n",
	    { "sasl.kerberos.keytab", "/etc/k.keytab",
	    "sasl.kerberos.principal", "kafka/h@R" }, "sasl.username" },
	{ "ssl.truststore.location=/ca.pem\nssl.truststore.type=PEM\n",
	    { "ssl.ca.location", "/ca.pem" }, "ssl.truststore.location" },
	{ "ssl.truststore.type=pem\nssl.truststore.location=/ca.pem\n"
	    "ssl.truststore.password=x\n",
	    { "ssl.ca.location", "/ca.pem" }, "ssl.truststore.password" },
	{ "ssl.keystore.type=PKCS12\nssl.keystore.location=/c.p12\n"
	    "ssl.keystore.password=kp\nssl.key.password=kk\n",
	    { "ssl.keystore.location", "/c.p12", "ssl.keystore.password",
	    "kp" }, "ssl.key.password" },
	{ "ssl.keystore.location=/c.pfx\nssl.keystore.password=kp\n",
	    { "ssl.keystore.location", "/c.pfx", "ssl.keystore.password",
	    "kp" }, NULL },
	{ "ssl.keystore.type=PEM\nssl.keystore.location=/c.pem\n"
	    "ssl.key.password=kk\n",
	    { "ssl.certificate.location", "/c.pem", "ssl.key.location",
	    "/c.pem", "ssl.key.password", "kk" }, "ssl.keystore.location" },
	{ "ssl.endpoint.identification.algorithm=\n",
	    { "ssl.endpoint.identification.algorithm", "none" }, NULL },
	{ "ssl.endpoint.identification.algorithm=HTTPS\n",
	    { "ssl.endpoint.identification.algorithm", "https" }, NULL },
	{ "bootstrap.servers=a:1,b:2\nclient.id=x\n",
	    { "bootstrap.servers", "a:1,b:2", "client.id", "x" }, NULL },
	{ "receive.buffer.bytes=65536\nssl.truststore.certificates=PEMTEXT\n",
	    { "socket.receive.buffer.bytes", "65536", "ssl.ca.pem",
	    "PEMTEXT" }, "receive.buffer.bytes" },
	{ "ssl.enabled.protocols=TLSv1.3\ndefault.api.timeout.ms=1\n"
	    "sasl.login.refresh.window.factor=0.8\n",
	    { NULL }, "ssl.enabled.protocols" },
};

START_TEST(test_java_translated)
{
	struct run	 r;
	const char	*v;
	size_t		 i;

	build(&r, NULL, KA_CONN_COMMAND_CONFIG, java_ok[_i].file);
	ck_assert_msg(r.rc == 0, "rc %d, first diagnostic: %s", r.rc,
	    r.d.len > 0 ? r.d.v[0].detail : "none");
	ck_assert_int_lt(r.d.worst, KA_LEVEL_CLUSTER);
	for (i = 0; i < 8 && java_ok[_i].want[i] != NULL; i += 2) {
		v = ka_clientconf_get(&r.cc, java_ok[_i].want[i]);
		ck_assert_msg(v != NULL, "%s not set", java_ok[_i].want[i]);
		ck_assert_str_eq(v, java_ok[_i].want[i + 1]);
	}
	if (java_ok[_i].absent != NULL)
		ck_assert_ptr_null(ka_clientconf_get(&r.cc,
		    java_ok[_i].absent));
	done(&r);
}
END_TEST

/* Java settings refused: the file, the diagnostic, its line, col, text. */
static const struct {
	const char		*file;
	enum ka_diag_code	 code;
	unsigned int		 line, col;
	const char		*frag;
	const char		*secret;
} java_bad[] = {
	{ "a=b\nssl.truststore.location=/t.jks\n", KA_D_CONNECT_UNSUPPORTED,
	    2, 1, "JKS truststore", NULL },
	{ "ssl.truststore.type=PKCS12\nssl.truststore.location=/t.p12\n",
	    KA_D_CONNECT_UNSUPPORTED, 2, 1, "ssl.ca.location", NULL },
	{ "ssl.keystore.location=/k.jks\nssl.keystore.password=hunter2\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 1, "keytool -importkeystore",
	    "hunter2" },
	{ "ssl.keystore.type=BKS\nssl.keystore.location=/k\n",
	    KA_D_CONNECT_UNSUPPORTED, 2, 1, "ssl.keystore.type 'BKS'", NULL },
	{ "sasl.jaas.config=org.apache.kafka.common.security.oauthbearer."
	    "OAuthBearerLoginModule required clientSecret=\"hunter2\";\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 18, "OAuthBearerLoginModule",
	    "hunter2" },
	{ "x=1\nsasl.jaas.config=org.apache.kafka.common.security.plain."
	    "PlainLoginModule required username=\"u\" password=\"hunter2\"\n",
	    KA_D_CONNECT_UNSUPPORTED, 2, 18, "option is not name=value",
	    "hunter2" },
	{ "sasl.jaas.config=org.apache.kafka.common.security.plain."
	    "PlainLoginModule required username=\"u\" password=\"hunter2;\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 18, "quote is not closed",
	    "hunter2" },
	{ "sasl.jaas.config=org.apache.kafka.common.security.plain."
	    "PlainLoginModule required password=\"hunter2\";\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 18, "no username option",
	    "hunter2" },
	{ "sasl.jaas.config=org.apache.kafka.common.security.plain."
	    "PlainLoginModule required username=u password=hunter2; "
	    "Other required;\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 18, "more than one login module",
	    "hunter2" },
	{ "sasl.jaas.config=  \n", KA_D_CONNECT_UNSUPPORTED, 1, 20,
	    "login module class", NULL },
	{ "sasl.login.callback.handler.class=com.x.Handler\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 1, "Java class", NULL },
	{ "ssl.cipher.suites=TLS_AES_128_GCM_SHA256\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 1, "OpenSSL cipher names", NULL },
	{ "ssl.endpoint.identification.algorithm=ldap\n",
	    KA_D_CONNECT_UNSUPPORTED, 1, 39, "https or none", NULL },
};

START_TEST(test_java_refused)
{
	struct run		 r;
	const struct ka_diag	*dg = NULL;
	size_t			 i;

	build(&r, NULL, KA_CONN_COMMAND_CONFIG, java_bad[_i].file);
	ck_assert_int_eq(r.rc, -1);
	for (i = 0; i < r.d.len; i++)
		if (r.d.v[i].code == java_bad[_i].code)
			dg = &r.d.v[i];
	ck_assert_msg(dg != NULL, "no diagnostic %s",
	    ka_diag_id(java_bad[_i].code));
	ck_assert_int_eq(dg->level, KA_LEVEL_INPUT);
	ck_assert_str_eq(dg->loc.path, r.path);
	ck_assert_uint_eq(dg->loc.line, java_bad[_i].line);
	ck_assert_uint_eq(dg->loc.col, java_bad[_i].col);
	ck_assert_msg(strstr(dg->detail, java_bad[_i].frag) != NULL,
	    "'%s' lacks '%s'", dg->detail, java_bad[_i].frag);
	if (java_bad[_i].secret != NULL)
		no_secret(&r, java_bad[_i].secret);
	done(&r);
}
END_TEST

/* Java-only tuning keys are notes, not errors. */
START_TEST(test_ignored)
{
	struct run	 r;

	build(&r, NULL, KA_CONN_COMMAND_CONFIG,
	    "ssl.enabled.protocols=TLSv1.3\nmetrics.num.samples=2\n");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_uint_eq(r.d.len, 2);
	ck_assert_int_eq(r.d.v[0].code, KA_D_CONNECT_IGNORED);
	ck_assert_int_eq(r.d.v[0].level, KA_LEVEL_NOTE);
	ck_assert_uint_eq(r.d.v[1].loc.line, 2);
	ck_assert_ptr_nonnull(strstr(r.d.v[0].detail, "OpenSSL"));
	done(&r);
}
END_TEST

/*
 * In a librdkafka file (-F) and with -X, names both clients share mean
 * what librdkafka says: a keystore is PKCS#12, whatever its name.
 */
START_TEST(test_rdkafka_names_kept)
{
	static const char *const props[] = { "ssl.key.password=kk",
	    "sasl.mechanism=PLAIN", NULL };
	struct run	 r;

	build(&r, props, KA_CONN_FILE, "ssl.keystore.location=/k.keystore\n"
	    "ssl.keystore.password=kp\nssl.cipher.suites=ECDHE-RSA-AES128\n"
	    "debug=broker\n");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_uint_eq(r.d.len, 0);
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "ssl.keystore.location"),
	    "/k.keystore");
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "ssl.keystore.password"),
	    "kp");
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "ssl.key.password"), "kk");
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "sasl.mechanism"), "PLAIN");
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "debug"), "broker");
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "ssl.cipher.suites"),
	    "ECDHE-RSA-AES128");
	/* But a key only Java has is translated wherever it is. */
	done(&r);
	build(&r, NULL, KA_CONN_FILE, "sasl.jaas.config=org.apache.kafka."
	    "common.security.plain.PlainLoginModule required username=u "
	    "password=p;\n");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(ka_clientconf_get(&r.cc, "sasl.password"), "p");
	done(&r);
}
END_TEST

/* Later flags win, in command-line order, files included. */
START_TEST(test_order)
{
	struct ka_clientconf	 cc;
	struct ka_diags		 d;
	struct ka_conn_arg	 args[4];
	char			*path;

	path = tmpfile_with("bootstrap.servers=file:1\nclient.id=f\n");
	args[0].kind = KA_CONN_PROPERTY;
	args[0].arg = "client.id=x";
	args[1].kind = KA_CONN_COMMAND_CONFIG;
	args[1].arg = path;
	args[2].kind = KA_CONN_BOOTSTRAP;
	args[2].arg = "cli:2";
	args[3].kind = KA_CONN_PROPERTY;
	args[3].arg = "linger.ms=a=b";
	ka_clientconf_init(&cc);
	ka_diags_init(&d);
	ck_assert_int_eq(ka_clientconf_build(&cc, args, 4, &d), 0);
	ck_assert_str_eq(ka_clientconf_get(&cc, "bootstrap.servers"),
	    "cli:2");
	ck_assert_str_eq(ka_clientconf_get(&cc, "client.id"), "f");
	ck_assert_str_eq(ka_clientconf_get(&cc, "linger.ms"), "a=b");
	ck_assert_uint_eq(cc.len, 5);
	ck_assert_str_eq(cc.v[0].name, "client.id");
	ck_assert_str_eq(cc.v[0].flag, "-X");
	ck_assert_str_eq(cc.v[1].loc.path, path);
	ck_assert_uint_eq(cc.v[2].loc.line, 2);
	ck_assert_str_eq(cc.v[3].flag, "-b");
	ka_clientconf_clear(&cc);
	ka_diags_clear(&d);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_errors)
{
	struct ka_clientconf	 cc;
	struct ka_diags		 d;
	struct ka_conn_arg	 args[4];

	ka_clientconf_init(&cc);
	ka_diags_init(&d);
	args[0].kind = KA_CONN_PROPERTY;
	args[0].arg = "sasl.passwordhunter2";
	args[1].kind = KA_CONN_PROPERTY;
	args[1].arg = "=x";
	args[2].kind = KA_CONN_COMMAND_CONFIG;
	args[2].arg = "/nonexistent/client.properties";
	ck_assert_int_eq(ka_clientconf_build(&cc, args, 3, &d), -1);
	ck_assert_uint_eq(d.len, 4);
	ck_assert_int_eq(d.v[0].code, KA_D_CONNECT_SYNTAX);
	ck_assert_str_eq(d.v[0].detail, "-X number 1 is not key=value");
	ck_assert_ptr_null(strstr(d.v[0].detail, "hunter2"));
	ck_assert_int_eq(d.v[1].code, KA_D_CONNECT_SYNTAX);
	ck_assert_ptr_nonnull(strstr(d.v[1].detail, "number 2"));
	ck_assert_ptr_nonnull(strstr(d.v[1].detail, "key is empty"));
	ck_assert_int_eq(d.v[2].code, KA_D_SOURCE_OPEN);
	ck_assert_int_eq(d.v[3].code, KA_D_CONNECT_NO_BOOTSTRAP);
	ck_assert_int_eq(d.worst, KA_LEVEL_INPUT);
	ka_clientconf_clear(&cc);
	ka_diags_clear(&d);

	/* metadata.broker.list is librdkafka's other name for it. */
	ka_diags_init(&d);
	args[0].kind = KA_CONN_PROPERTY;
	args[0].arg = "metadata.broker.list=k:1";
	ck_assert_int_eq(ka_clientconf_build(&cc, args, 1, &d), 0);
	ka_clientconf_clear(&cc);
	ka_diags_clear(&d);
}
END_TEST

START_TEST(test_secret_names)
{
	static const char *const secret[] = { "sasl.password",
	    "ssl.key.password", "ssl.keystore.password",
	    "ssl.truststore.password", "sasl.jaas.config",
	    "listener.name.x.plain.sasl.jaas.config", "ssl.key.pem", "ssl_key",
	    "ssl.keystore.key", "sasl.oauthbearer.client.secret",
	    "sasl.oauthbearer.config", "basic.auth.user.info",
	    "schema.registry.basic.auth.user.info", NULL };
	static const char *const plain[] = { "sasl.username",
	    "bootstrap.servers", "ssl.ca.location", "ssl.keystore.location",
	    "security.protocol", "sasl.mechanisms", NULL };
	size_t	 i;

	for (i = 0; secret[i] != NULL; i++)
		ck_assert_msg(ka_clientconf_is_secret(secret[i]),
		    "%s is not secret", secret[i]);
	for (i = 0; plain[i] != NULL; i++)
		ck_assert_msg(!ka_clientconf_is_secret(plain[i]),
		    "%s is secret", plain[i]);
}
END_TEST

/* Every value of a secret, however it was given, is scrubbed. */
START_TEST(test_scrub)
{
	static const char *const props[] = { "sasl.password=pw1",
	    "sasl.username=pw1user", NULL };
	struct run	 r;
	char		*s;
	size_t		 i;

	build(&r, props, KA_CONN_COMMAND_CONFIG, "sasl.jaas.config=org."
	    "apache.kafka.common.security.plain.PlainLoginModule required "
	    "username=u password=\"jaas-pw\";\nssl.keystore.type=PKCS12\n"
	    "ssl.keystore.location=/k.p12\nssl.keystore.password=ks-pw\n");
	ck_assert_int_eq(r.rc, 0);
	for (i = 0; i < r.cc.len; i++)
		if (strstr(r.cc.v[i].name, "password") != NULL)
			ck_assert_int_eq(r.cc.v[i].sensitive, 1);
	s = ka_clientconf_scrub(&r.cc, "Invalid value \"jaas-pw\" and "
	    "ks-pw, pw1 then jaas-pwjaas-pw");
	ck_assert_str_eq(s, "Invalid value \"(redacted)\" and (redacted), "
	    "(redacted) then (redacted)(redacted)");
	free(s);
	s = ka_clientconf_scrub(&r.cc, "");
	ck_assert_str_eq(s, "");
	free(s);
	done(&r);
}
END_TEST

START_TEST(test_where)
{
	struct ka_clientprop	 p;
	char			*s;

	memset(&p, 0, sizeof(p));
	p.name = (char *)(uintptr_t)"sasl.mechanisms";
	p.flag = "-X";
	s = ka_clientconf_where(&p);
	ck_assert_str_eq(s, "-X sasl.mechanisms");
	free(s);
	p.flag = "-b";
	s = ka_clientconf_where(&p);
	ck_assert_str_eq(s, "-b");
	free(s);
	p.flag = NULL;
	p.loc.path = "c.properties";
	p.loc.line = 3;
	p.loc.col = 1;
	s = ka_clientconf_where(&p);
	ck_assert_str_eq(s, "c.properties:3:1");
	free(s);
}
END_TEST

static Suite *
clientconf_suite(void)
{
	Suite	*s = suite_create("clientconf");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_java_translated, 0,
	    sizeof(java_ok) / sizeof(java_ok[0]));
	tcase_add_loop_test(tc, test_java_refused, 0,
	    sizeof(java_bad) / sizeof(java_bad[0]));
	tcase_add_test(tc, test_ignored);
	tcase_add_test(tc, test_rdkafka_names_kept);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_secret_names);
	tcase_add_test(tc, test_scrub);
	tcase_add_test(tc, test_where);
	suite_add_tcase(s, tc);
	return s;
}

KA_CHECK_MAIN(clientconf_suite)
