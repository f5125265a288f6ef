#!/usr/bin/env python3
"""Regenerates the redaction corpus next to this script (deterministic: fixed seed).

secrets.txt  one line per seeded secret: "<text>\t<the exact secret>"; the text is a realistic
             command, prompt, log or config line holding exactly one fake secret. Every value is
             random, built here to the documented shape of the credential; none is real.
clean.txt    one ordinary line per row: commands, prompts, commit messages, paths, code that
             says token/key/password harmlessly, uuids, SHAs, checksums, placeholders.

RedactorCorpusTest reads both. Run: python3 make_corpus.py
"""
import base64
import hashlib
import json
import os
import random
import string
import uuid

R = random.Random(20240611)
HERE = os.path.dirname(os.path.abspath(__file__))

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DI = string.digits
ALNUM = UP + LO + DI
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"


def rnd(alphabet, n):
    """n random characters; at least one digit and one letter when the alphabet has them."""
    while True:
        s = "".join(R.choice(alphabet) for _ in range(n))
        has_digits = any(c in DI for c in alphabet)
        has_letters = any(c in UP + LO for c in alphabet)
        if n >= 8 and ((has_digits and not any(c in DI for c in s))
                       or (has_letters and not any(c in UP + LO for c in s))):
            continue
        # never a stand-in by accident: xxxx, "...", "***"
        if "xxxx" in s.lower() or "..." in s or "**" in s:
            continue
        return s


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# ---- credential shapes (format-valid, random, fake) ---------------------------------------

def aws_key_id():
    return R.choice(["AKIA", "ASIA"]) + rnd(UP + "234567", 16)


def aws_secret():
    return rnd(B64, 40)


def google_key():
    return "AIza" + rnd(URLSAFE, 35)


def github_token():
    kind = R.choice(["ghp", "ghp", "gho", "ghs", "ghu", "ghr", "pat"])
    if kind == "pat":
        return "github_pat_" + rnd(ALNUM, 22) + "_" + rnd(ALNUM, 59)
    return kind + "_" + rnd(ALNUM, 36)


def openai_key():
    kind = R.choice(["legacy", "proj", "proj", "svcacct"])
    if kind == "legacy":
        return "sk-" + rnd(ALNUM, 20) + "T3BlbkFJ" + rnd(ALNUM, 20)
    return "sk-" + kind + "-" + rnd(URLSAFE, R.choice([48, 74, 124]))


def anthropic_key():
    return "sk-ant-api03-" + rnd(URLSAFE, 93) + "AA"


def slack_token():
    kind = R.choice(["xoxb", "xoxp", "xoxa", "xoxs", "xoxr", "xoxo"])
    return "%s-%s-%s-%s" % (kind, rnd(DI, 12), rnd(DI, 13), rnd(ALNUM, 24))


def slack_webhook_path():
    return "T%s/B%s/%s" % (rnd(UP + DI, 10), rnd(UP + DI, 10), rnd(ALNUM, 24))


def stripe_key():
    kind = R.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_", "rk_test_"])
    return kind + rnd(ALNUM, R.choice([24, 34, 99]))


def jwt():
    header = {"alg": R.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    payload = {"sub": str(R.randint(1000, 99999)), "name": R.choice(["alice", "bob", "ci-bot"]),
               "iat": R.randint(1600000000, 1750000000), "scope": R.choice(["read", "read write", "admin"])}
    sig = bytes(R.getrandbits(8) for _ in range(32))
    return "%s.%s.%s" % (b64url(json.dumps(header, separators=(",", ":")).encode()),
                         b64url(json.dumps(payload, separators=(",", ":")).encode()), b64url(sig))


def gitlab_token():
    return "glpat-" + rnd(URLSAFE, 20)


def npm_token():
    return "npm_" + rnd(ALNUM, 36)


def hf_token():
    return "hf_" + rnd(UP + LO, 34)


def key_body():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(R.choice([48, 96, 180])))).decode()


def opaque_token():
    n = R.choice([24, 32, 40, 64])
    return rnd(ALNUM, 1) + rnd(ALNUM + "-_.", n - 2) + rnd(ALNUM, 1)


def password():
    kind = R.choice(["words", "alnum", "symbols", "hex", "b64"])
    if kind == "words":
        w = R.choice(["Maple", "Orbit", "Cobalt", "Tundra", "Falcon", "Quartz", "Harbor", "Nimbus"])
        return w + R.choice(["!", "#", "@", "$", "%", "^", "*", "~"]) + rnd(DI, 4) + R.choice(["Zq", "Lx", "Pm"])
    if kind == "alnum":
        return rnd(ALNUM, R.choice([12, 16, 20]))
    if kind == "symbols":
        return rnd(ALNUM, 6) + R.choice(["!", "@", "%", "^", "*", "+", "="]) + rnd(ALNUM, 6) + R.choice(["!", "#", "~"])
    if kind == "hex":
        return rnd("0123456789abcdef", 32)
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(24))).decode()


def url_password():
    # no '/', '@', ':' or quotes: those must be percent-encoded in a URL
    return rnd(ALNUM, 2) + rnd(ALNUM + "-_.~!$*+", R.choice([8, 12, 18]))


HOSTS = ["db.internal", "localhost", "10.0.4.12", "pg.prod.example.net", "cache-01.example.org",
         "mq.example.com", "cluster0.ab1cd.mongodb.net", "git.example.com"]


# ---- secret lines -------------------------------------------------------------------------

def secret_lines():
    out = []

    def add(text, secret):
        assert "\t" not in text and "\n" not in text and secret in text, (text, secret)
        out.append((text, secret))

    for _ in range(8):
        k = aws_key_id()
        add(R.choice([
            "export AWS_ACCESS_KEY_ID=%s",
            "aws_access_key_id = %s",
            "I set the access key %s in ~/.aws/credentials but s3 ls still fails",
            '{"AccessKeyId": "%s", "Expiration": "2025-01-01T00:00:00Z"}',
            "AWS_ACCESS_KEY_ID=%s aws s3 ls s3://my-bucket",
            "Error: InvalidClientTokenId for key %s (region us-east-1)",
        ]) % k, k)
    for _ in range(9):
        s = aws_secret()
        add(R.choice([
            "aws_secret_access_key = %s",
            "export AWS_SECRET_ACCESS_KEY=%s",
            "AWS_SECRET_ACCESS_KEY=%s terraform plan",
            "aws configure set aws_secret_access_key %s --profile prod",
            '    "SecretAccessKey": "%s",',
            "the aws secret is %s, please add it to the CI vars",
            "docker run -e AWS_SECRET_ACCESS_KEY=%s amazon/aws-cli s3 ls",
            "aws_secret_key: %s",
        ]) % s, s)
    for _ in range(7):
        k = google_key()
        add(R.choice([
            'curl "https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=%s"',
            "GOOGLE_API_KEY=%s",
            "const firebaseConfig = { apiKey: \"%s\", authDomain: \"demo.firebaseapp.com\" };",
            "my gemini key is %s why do I get 403",
            "gcloud services api-keys get-key-string returned %s",
        ]) % k, k)
    for _ in range(14):
        t = github_token()
        add(R.choice([
            "export GITHUB_TOKEN=%s",
            "git clone https://x-access-token:%s@github.com/acme/infra.git",
            'curl -H "Authorization: token %s" https://api.github.com/user',
            "echo %s | gh auth login --with-token",
            "GH_TOKEN=%s gh pr list --repo acme/web",
            "here's my PAT %s - can you check why the push is rejected?",
            "  github_token: %s",
            "git remote set-url origin https://%s@github.com/acme/api.git",
            "//npm.pkg.github.com/:_authToken=%s",
        ]) % t, t)
    for _ in range(10):
        k = openai_key()
        add(R.choice([
            "export OPENAI_API_KEY=%s",
            "client = OpenAI(api_key=\"%s\")",
            "OPENAI_API_KEY=%s python agent.py --model gpt-4o",
            "I pasted %s into .env but the SDK says invalid key",
            'curl https://api.openai.com/v1/models -H "Authorization: Bearer %s"',
            "openai.api_key = '%s'",
        ]) % k, k)
    for _ in range(8):
        k = anthropic_key()
        add(R.choice([
            "export ANTHROPIC_API_KEY=%s",
            'curl https://api.anthropic.com/v1/messages -H "x-api-key: %s" -H "anthropic-version: 2023-06-01"',
            "client = anthropic.Anthropic(api_key=\"%s\")",
            "why is %s rejected with 401?",
            "ANTHROPIC_API_KEY: %s",
        ]) % k, k)
    for _ in range(9):
        t = slack_token()
        add(R.choice([
            "SLACK_BOT_TOKEN=%s",
            'curl -X POST -H "Authorization: Bearer %s" https://slack.com/api/chat.postMessage',
            "slack_token: %s",
            "the bot uses %s and gets not_in_channel",
            "app = App(token=\"%s\")",
        ]) % t, t)
    for _ in range(6):
        p = slack_webhook_path()
        add(R.choice([
            "curl -X POST -d '{\"text\":\"deploy done\"}' https://hooks.slack.com/services/%s",
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/%s",
            "webhook_url: \"https://hooks.slack.com/services/%s\"",
            "notify via https://hooks.slack.com/services/%s when the job fails",
        ]) % p, p)
    for _ in range(8):
        k = stripe_key()
        add(R.choice([
            "STRIPE_SECRET_KEY=%s",
            "stripe.api_key = \"%s\"",
            "curl https://api.stripe.com/v1/charges -u %s:",
            "const stripe = require('stripe')('%s');",
            "stripe listen --api-key %s --forward-to localhost:4242/webhook",
        ]) % k, k)
    for _ in range(10):
        t = jwt()
        add(R.choice([
            'curl -H "Authorization: Bearer %s" http://localhost:8080/api/me',
            "token=%s",
            "the access_token in the response is %s - why is it expired?",
            '{"access_token":"%s","token_type":"Bearer","expires_in":3600}',
            "Cookie: session=%s",
            "wscat -c 'wss://api.example.com/ws?jwt=%s'",
        ]) % t, t)
    for _ in range(10):
        body = key_body()
        kind = R.choice(["RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED ", "DSA "])
        block_start = "-----BEGIN %sPRIVATE KEY-----" % kind
        block_end = "-----END %sPRIVATE KEY-----" % kind
        add(R.choice([
            block_start + "\\n" + body + "\\n" + block_end,
            '"private_key": "' + block_start + "\\n" + body + "\\n" + block_end + '\\n",',
            "cat deploy.pem prints " + block_start + " " + body + " " + block_end + " then exits",
            "here is the key (truncated): " + block_start + "\\n" + body,
            "SSH_PRIVATE_KEY='" + block_start + "\\n" + body + "\\n" + block_end + "'",
        ]), body)
    for _ in range(10):
        t = opaque_token()
        add(R.choice([
            'curl -H "Authorization: Bearer %s" https://api.example.com/v2/items',
            "curl -s -H 'authorization: Bearer %s' $API/health",
            "Authorization: Bearer %s",
            'http GET :8000/api/orders "Authorization:Bearer %s"',
            "requests.get(url, headers={\"Authorization\": \"Bearer %s\"})",
            "the service replied 401 with Bearer %s even though it is fresh",
            'fetch(url, { headers: { Authorization: "Bearer %s" } })',
        ]) % t, t)
    for _ in range(6):
        cred = base64.b64encode(("%s:%s" % (R.choice(["admin", "ci", "deploy"]), password())).encode()).decode()
        add(R.choice([
            'curl -H "Authorization: Basic %s" https://registry.example.com/v2/_catalog',
            "Authorization: Basic %s",
            "  -H 'Proxy-Authorization: Basic %s' \\",
        ]) % cred, cred)
    for _ in range(14):
        p = url_password()
        user = R.choice(["admin", "app", "postgres", "deploy", "svc_orders", "root", ""])
        host = R.choice(HOSTS)
        add(R.choice([
            "DATABASE_URL=postgres://%s:%s@%s:5432/orders",
            "psql postgresql://%s:%s@%s/app -c 'select 1'",
            "REDIS_URL=redis://%s:%s@%s:6379/0",
            "mongosh \"mongodb+srv://%s:%s@%s/test\"",
            "amqp://%s:%s@%s:5672/vhost is unreachable from the worker",
            "git clone https://%s:%s@%s/team/repo.git",
            "spring.datasource.url=jdbc:mysql://%s:%s@%s:3306/shop",
            "proxy = http://%s:%s@%s:3128",
        ]) % (user, p, host), p)
    names = ["DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "API_KEY", "API_SECRET",
             "CLIENT_SECRET", "JWT_SECRET", "SECRET_KEY", "AUTH_TOKEN", "ACCESS_TOKEN", "REFRESH_TOKEN",
             "SESSION_SECRET", "ENCRYPTION_KEY", "PGPASSWORD", "REDIS_PASSWORD", "SMTP_PASSWORD",
             "DJANGO_SECRET_KEY", "NEXTAUTH_SECRET", "WEBHOOK_SECRET", "PRIVATE_KEY", "SIGNING_KEY",
             "MASTER_KEY", "APP_KEY", "SENDGRID_API_KEY", "DATADOG_API_KEY", "SENTRY_AUTH_TOKEN",
             "VAULT_TOKEN", "CONSUL_HTTP_TOKEN", "NPM_TOKEN", "HF_TOKEN", "TWILIO_AUTH_TOKEN"]
    snake = ["password", "db_password", "api_key", "apiKey", "client_secret", "clientSecret",
             "secret_key", "access_token", "accessToken", "auth_token", "private_key", "passwd",
             "secret", "token", "refresh_token", "apiSecret", "masterKey", "encryption_key"]
    for _ in range(44):
        v = password() if R.random() < 0.6 else opaque_token()
        n = R.choice(names)
        s = R.choice(snake)
        add(R.choice([
            "export %s=%s" % (n, v),
            "%s=%s" % (n, v),
            "%s=\"%s\"" % (n, v),
            "%s: %s" % (s, v),
            "  %s: \"%s\"" % (s, v),
            "\"%s\": \"%s\"," % (s, v),
            "'%s': '%s'," % (s, v),
            "%s = \"%s\"" % (s, v),
            "docker run -e %s=%s -p 5432:5432 postgres:16" % (n, v),
            "kubectl create secret generic app --from-literal=%s=%s" % (s, v),
            "heroku config:set %s=%s -a my-app" % (n, v),
            "%s=%s npm run dev" % (n, v),
            "$env:%s = \"%s\"" % (n, v),
            "set %s=%s" % (n, v),
            "      - %s=%s" % (n, v),
            "--build-arg %s=%s" % (n, v),
            "os.environ[\"%s\"] = \"%s\"" % (n, v),
            "define( '%s', '%s' );" % (n, v),
            "System.setProperty(\"app.%s\", \"%s\");" % (s, v),
            "ENV %s=%s" % (n, v),
            "I tried %s=%s but the container still can't connect" % (n, v),
        ]), v)
    for _ in range(26):
        v = password()
        add(R.choice([
            "./deploy.sh --password %s --env prod" % v,
            "vault login -method=userpass username=ops password=%s" % v,
            "mysql -h %s -u root -p%s shop" % (R.choice(HOSTS), v),
            "mysqldump -uroot -p'%s' --all-databases > dump.sql" % v,
            "sshpass -p '%s' ssh deploy@%s uptime" % (v, R.choice(HOSTS)),
            "curl -u admin:%s https://jenkins.example.com/api/json" % v,
            "docker login -u ci -p %s registry.example.com" % v,
            "redis-cli -h %s -a %s ping" % (R.choice(HOSTS), v),
            "mongosh --host %s -u admin -p %s --authenticationDatabase admin" % (R.choice(HOSTS), v),
            "keytool -importkeystore -srckeystore in.p12 -srcstorepass %s -destkeystore out.jks" % v,
            "openssl pkcs12 -export -in cert.pem -inkey key.pem -out cert.p12 -passout pass:%s" % v,
            "java -Dspring.datasource.password=%s -jar app.jar" % v,
            "machine api.example.com login bot password %s" % v,
            "CREATE USER 'app'@'%%' IDENTIFIED BY '%s';" % v,
            "ALTER ROLE reporting WITH LOGIN PASSWORD '%s';" % v,
            "my db password is %s and login fails, can you check pg_hba.conf?" % v,
            "ansible-playbook site.yml -e ansible_become_password=%s" % v,
            "psql \"host=%s user=app password=%s dbname=app\"" % (R.choice(HOSTS), v),
            "az storage blob list --account-name acme --account-key %s==" % v,
            "terraform apply -var 'db_password=%s'" % v,
            "$password = '%s';" % v,
            "String password = \"%s\";" % v,
            "gh secret set API_TOKEN --body %s" % v,
        ]), v)
    for _ in range(16):
        v = password()
        add(R.choice([
            "Your password is: %s" % v,
            "passwd: %s" % v,
            "\"pwd\": \"%s\"" % v,
            "./backup.sh --pass %s" % v,
            "mysql --password=%s -e 'select 1'" % v,
            "the new password: %s (please change it after login)" % v,
            "cfg := Config{Token: \"%s\"}" % v,
            "const client = new Client({ apiKey: '%s' })" % v,
            "client = Client(token='%s')" % v,
            "ENV['API_KEY'] = '%s'" % v,
            "export MY_API_TOKEN='%s with spaces'" % v,
            "AZURE_CLIENT_SECRET=%s" % v,
            "props.setProperty(\"db.password\", \"%s\");" % v,
            "  password: %s  # rotated monthly" % v,
        ]), v)
    for _ in range(3):
        t = "1//0g" + rnd(URLSAFE, 60)
        add(R.choice([
            "refresh_token=%s",
            "GOOGLE_REFRESH_TOKEN=\"%s\"",
        ]) % t, t)
    for _ in range(3):
        sig = rnd(ALNUM, 20) + "%2B" + rnd(ALNUM, 18) + "%3D"
        add("https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&sp=rl&se=2025-06-30&sig=%s" % sig, sig)
    for _ in range(6):
        t = gitlab_token()
        add(R.choice([
            'curl --header "PRIVATE-TOKEN: %s" https://gitlab.example.com/api/v4/projects',
            "GITLAB_TOKEN=%s glab mr list",
            "git clone https://oauth2:%s@gitlab.com/acme/app.git",
        ]) % t, t)
    for _ in range(5):
        t = npm_token()
        add(R.choice([
            "//registry.npmjs.org/:_authToken=%s",
            "echo \"//registry.npmjs.org/:_authToken=%s\" > ~/.npmrc",
            "NPM_TOKEN=%s npm publish --access public",
        ]) % t, t)
    for _ in range(5):
        t = hf_token()
        add(R.choice([
            "huggingface-cli login --token %s",
            "HF_TOKEN=%s python train.py",
            "login(token=\"%s\")",
        ]) % t, t)
    for _ in range(5):
        tok = "pypi-AgEIcHlwaS5vcmc" + rnd(URLSAFE, 120)
        add(R.choice([
            "password = %s",
            "twine upload dist/* -u __token__ -p %s",
            "TWINE_PASSWORD=%s twine upload dist/*",
        ]) % tok, tok)
    for _ in range(3):
        auth = base64.b64encode(("ci-bot:" + password()).encode()).decode()
        add('{"auths": {"registry.example.com": {"auth": "%s"}}}' % auth, auth)
    for _ in range(8):
        v = opaque_token()
        add(R.choice([
            'curl -H "X-API-Key: %s" https://api.example.com/v1/usage' % v,
            "  - name: DB_PASSWORD\\n    value: \"%s\"" % v,
            '{"name": "STRIPE_WEBHOOK_SECRET", "value": "%s"}' % v,
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=%s==;EndpointSuffix=core.windows.net" % v,
            "https://api.example.com/v1/export?access_token=%s&format=csv" % v,
            "X-Auth-Token: %s" % v,
        ]), v)
    return out


# ---- clean lines --------------------------------------------------------------------------

CLEAN = r"""
git status
git log --oneline -20
git log --pretty=format:'%h %an %s' --since=2.weeks
git diff HEAD~1 -- src/main/java/io.github.fss.redact.Redactor.java
git commit -m "Rotate the deploy token handling into TokenStore"
git commit -m "fix: don't log the password field in LoginForm"
git commit -m "Add api_key validation to the settings page"
git rebase -i origin/main
git push -u origin feature/secret-scanning
git checkout -b fix/token-refresh-race
git stash pop
git cherry-pick 9fceb02d0ae598e95dc970b74767f19372d61af8
git revert --no-edit a1b2c3d4e5f60718293a4b5c6d7e8f9012345678
git show --stat HEAD
git blame src/auth/password_reset.py
git config --global credential.helper osxkeychain
git config --global user.email dev@example.com
git clone git@github.com:acme/secret-santa.git
git clone https://github.com/huggingface/tokenizers.git
git remote -v
git fetch --prune
gh pr create --title "Tokenizer: handle empty input" --body "Fixes #412"
gh auth status --show-token
gh auth login --with-token < ~/.config/gh/token.txt
gh secret list --repo acme/web
gh run view 912345678 --log-failed
ls -la ~/.ssh
ssh-keygen -t ed25519 -C "dev@example.com" -f ~/.ssh/id_ed25519
ssh-add ~/.ssh/id_ed25519
ssh -i ~/.ssh/deploy_key -p 2222 deploy@bastion.example.com
scp -P 2222 build.tar.gz deploy@10.0.4.12:/srv/releases/
chmod 600 ~/.ssh/id_rsa
cat ~/.ssh/id_ed25519.pub
openssl req -new -key server.key -out server.csr -subj "/CN=example.com"
openssl x509 -in cert.pem -noout -fingerprint -sha256
openssl rand -hex 32
curl --key client.key --cert client.crt https://mtls.example.com/health
curl -s https://api.github.com/repos/acme/web/releases/latest | jq -r .tag_name
curl -X POST -H "Content-Type: application/json" -d '{"name":"demo"}' http://localhost:8080/api/projects
curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me
curl -H "Authorization: Bearer ${GITHUB_TOKEN}" https://api.github.com/user
curl -H 'Authorization: Bearer <token>' https://api.example.com/items
curl -u "$JENKINS_USER:$JENKINS_TOKEN" https://jenkins.example.com/api/json
curl -fsSL https://get.docker.com | sh
wget -qO- https://example.com/install.sh
docker run -p 8080:80 nginx:1.27
docker run -d --name mongo -p 27017:27017 mongo:7
docker run --rm -it -v "$PWD":/work -w /work node:20 npm test
docker run -e POSTGRES_PASSWORD=$POSTGRES_PASSWORD -p 5432:5432 postgres:16
docker build --secret id=npmrc,src=$HOME/.npmrc -t web:dev .
docker login ghcr.io -u acme-bot --password-stdin
docker compose up -d --build
docker ps --format '{{.Names}} {{.Status}}'
docker logs -f --tail 100 api
docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
kubectl get pods -n payments -o wide
kubectl get secret db-credentials -o jsonpath='{.data.password}' | base64 -d
kubectl create secret generic db-credentials --from-env-file=.env.prod
kubectl describe secret api-token -n ci
kubectl logs deploy/api -c app --since=1h
kubectl rollout restart deployment/web
helm upgrade --install web ./chart -f values.prod.yaml --set image.tag=1.4.2
terraform plan -var-file=prod.tfvars
terraform state show aws_secretsmanager_secret.db
aws s3 ls s3://acme-artifacts/releases/
aws sts get-caller-identity
aws secretsmanager get-secret-value --secret-id prod/db/password --query SecretString
aws ssm get-parameter --name /app/prod/api_key --with-decryption
aws configure list
aws logs tail /aws/lambda/token-refresher --follow
aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci
gcloud auth application-default login
gcloud secrets versions access latest --secret=api-key
az keyvault secret show --vault-name acme-kv --name db-password --query id
vault kv get secret/app/config
vault token lookup
psql -h localhost -p 5432 -U postgres -d app
psql "$DATABASE_URL" -c '\dt'
pg_dump -Fc -h db.internal -p 5432 app > app.dump
mysql -h 127.0.0.1 -P 3306 -u root -p shop
mysql -u root -p
mysqldump --single-transaction -u backup -p shop > shop.sql
redis-cli -h cache-01.example.org -p 6379 ping
redis-cli --scan --pattern 'session:*' | head
mongosh --port 27017 --eval 'db.stats()'
npm test -- -p 4
npm run build -- --mode production
npm install --save-dev @types/node
npm ci --prefer-offline
npm config get registry
npx prisma migrate dev --name add_api_keys_table
yarn workspace web add jsonwebtoken
pnpm -r --filter ./packages/** test
pip install -r requirements.txt
pip install tokenizers==0.19.1 tiktoken
python -m pytest -k "test_password_reset or test_token_refresh" -x
python manage.py createsuperuser --username admin --email admin@example.com
python -c "import secrets; print(secrets.token_hex(16))"
uvicorn app.main:app --reload --port 8000
go test ./... -run TestTokenBucket -count=1
go build -ldflags "-s -w" -o bin/keyring ./cmd/keyring
cargo test --package tokenizer --lib
cargo build --release --features keychain
mvn -q test -Dtest='Redactor*'
mvn -pl core -am package -DskipTests
./gradlew :app:test --tests '*PasswordEncoderTest'
java -jar target/fss.jar capture --session 2b7f1c9e
make test
make -j8 release
sort -k2 -n scores.txt | head
sort -t, -k3,3 users.csv
cut -d: -f1 /etc/passwd
grep -rn "password" src/ --include=*.py
grep -rIl "api_key" config/
rg -n 'TODO|FIXME' --glob '!vendor/**'
find . -name '*.pem' -not -path './node_modules/*'
tail -f /var/log/nginx/access.log
journalctl -u token-refresher --since "1 hour ago"
systemctl restart keydb
ps aux | grep -v grep | grep gunicorn
lsof -i :8080
du -sh node_modules
tar -czf backup-2024-06-11.tar.gz ./data
rsync -avz --delete ./dist/ deploy@10.0.4.12:/srv/www/
htop -p 1234
top -b -n 1 | head -20
kill -9 48213
xargs -n 1 -P 4 ./process.sh < files.txt
head -c 32 /dev/urandom | base64
echo $PATH
export PATH="$HOME/.local/bin:$PATH"
export NODE_ENV=production
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
export OPENAI_API_KEY=$OPENAI_API_KEY
export GITHUB_TOKEN="$(gh auth token)"
export AWS_PROFILE=prod
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:?missing}
export VAULT_TOKEN=$(vault print token)
source .venv/bin/activate
cd ~/projects/keyboard-firmware && make flash
cd /home/dev/src/monkey-patch && ls
vim src/auth/tokens.py
code ~/projects/password-manager
cat /etc/hosts
/usr/local/bin/keychain --eval id_ed25519
/var/lib/secrets/README.md
~/.config/fss/config.properties
src/main/resources/application-prod.yml
C:\Users\dev\AppData\Roaming\npm\node_modules
./scripts/rotate-api-keys.sh --dry-run
./scripts/token-report.sh --since 2024-05-01 --format csv
Please add a unit test for the tokenizer when the input is empty.
Can you refactor the password validation so it checks length before complexity?
Why does the token refresh fail after exactly one hour?
Explain how the API key is loaded from the environment in this project.
The keyboard shortcut for search is broken on macOS.
Move the secret-handling code into its own module and add docs.
Use a bearer token for the internal API instead of basic auth.
The Authorization header is missing when the request is retried.
Make the session key rotation configurable (default 24h).
Don't store passwords in plain text; hash them with bcrypt.
Summarize the last three commits and what they changed about tokens.
What is the difference between an access token and a refresh token?
Run the tests again and tell me which ones fail.
Rename max_tokens to max_output_tokens everywhere.
Add a --key-file option to the CLI and document it.
The monkey patch for requests broke the retry logic.
Check whether the API key is required for the health endpoint.
We need a password reset flow with email confirmation.
The secret santa app should shuffle names without repeats.
Look at tests/test_auth.py and fix the flaky token expiry test.
I rotated the key yesterday; the new one is already in the vault.
The login page says "Invalid password" even for correct input.
Set up pre-commit with detect-secrets and gitleaks.
Compare the SHA-256 of the downloaded file with the published checksum.
decision: keep tokens in the OS keychain, not in config files
note: the staging database password lives in 1Password under "staging-db"
summary: replaced hard-coded API keys with environment lookups
Decided to use short-lived OIDC tokens in CI instead of long-lived keys.
max_tokens=100
max_tokens: 4096
"max_tokens": 1024,
token_budget=1500
num_tokens = len(tokens)
tokens = tokenizer.encode(text)
token = tokens[i]
token = next(token_iter)
for token in tokens:
if not token: return None
if token is None: raise ValueError("missing token")
token = self._get_token()
token = request.headers.get("Authorization", "").removeprefix("Bearer ")
api_key = os.environ["OPENAI_API_KEY"]
api_key = os.getenv("API_KEY")
api_key = settings.API_KEY
password = request.form["password"]
password = getpass.getpass("Password: ")
secret_key = secrets.token_urlsafe(32)
self.api_key = api_key
self.password = password
client = OpenAI(api_key=api_key)
conn = psycopg2.connect(host=host, password=password, dbname=db)
session = boto3.Session(profile_name="prod")
hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
assert verify_password(plain, hashed)
password: str
api_key: Optional[str] = None
token: str = Field(..., description="Bearer token")
secret: SecretStr
def login(username: str, password: str) -> Session:
def refresh(self, token: str) -> str:
class TokenBucket:
class PasswordHasher(Protocol):
const apiKey = process.env.API_KEY;
const token = localStorage.getItem("token");
const { password, ...rest } = user;
apiKey: process.env.STRIPE_KEY!,
headers: { Authorization: `Bearer ${token}` },
fetch(url, { credentials: "include" })
token?: string;
password: string | null;
let token: String = String::new();
pub struct Config { pub api_key: Option<String>, pub timeout: u64 }
token: Option<String>,
password: &'a str,
String token = request.getHeader("Authorization");
private final String apiKey;
this.apiKey = apiKey;
final char[] password = console.readPassword("Password: ");
@Value("${app.jwt.secret}") private String jwtSecret;
if (token == null || token.isBlank()) { throw new IllegalStateException("no token"); }
Map<String, String> keys = new HashMap<>();
for (String key : keys.keySet()) {
map.put(key, value);
cache_key = f"user:{user_id}:profile"
sort_key = lambda row: row["created_at"]
primary_key=True
id = Column(Integer, primary_key=True)
foreign_key: users.id
partition_key: userId
keyboard_layout: us
hotkey: ctrl+shift+p
key: app.kubernetes.io/name
- key: node-role.kubernetes.io/master
  secretName: tls-web
secretRef:
  name: db-credentials
valueFrom:
  secretKeyRef:
    key: password
token_type=bearer
token_url: https://oauth2.example.com/token
token_endpoint: https://login.example.com/oauth2/v2.0/token
password_file: /run/secrets/db_password
api_key_id: 7f3e1c2a
aws_access_key_id_env: AWS_ACCESS_KEY_ID
access_token_ttl: 3600
refresh_token_expires_in: 86400
password_min_length: 12
token_limit = 8000
key_size = 2048
SECRET_NAME=prod/db/password
API_KEY_HEADER=X-Api-Key
TOKEN_PATH=/var/run/secrets/kubernetes.io/serviceaccount/token
GOOGLE_APPLICATION_CREDENTIALS=/home/dev/.config/gcloud/application_default_credentials.json
PWD=/home/dev/projects/api
OLDPWD=/home/dev
PASSWORD=
API_KEY=<your-key>
API_KEY=your-api-key-here
OPENAI_API_KEY=sk-...
ANTHROPIC_API_KEY=sk-ant-xxxxxxxxxxxxxxxxxxxxxxxx
password=xxx
password: "********"
token: REDACTED
secret: "***"
api_key: null
password: changeme
client_secret: ${CLIENT_SECRET}
token: ${{ secrets.GITHUB_TOKEN }}
password: "{{ vault_db_password }}"
db_password: !vault |
DB_PASSWORD: !Ref DbPasswordParam
api_key = "%s" % key
headers = {"Authorization": f"Bearer {token}"}
Authorization: Bearer <access-token>
Authorization: Basic base64(user:password)
-H "Authorization: Bearer $(gcloud auth print-access-token)"
postgres://user:password@localhost:5432/mydb
postgresql://postgres:${PGPASSWORD}@db:5432/app
redis://localhost:6379/0
https://user@example.com/path
ssh://git@github.com:22/acme/web.git
http://localhost:8080/api?page=2&sort=desc
https://example.com:8443/login?next=/dashboard
mailto:security@example.com
jdbc:postgresql://db.internal:5432/app?sslmode=require
file:///home/dev/projects/fss/README.md
https://github.com/acme/web/blob/main/src/auth/token.ts#L42
https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
https://platform.openai.com/docs/api-reference/authentication
See https://jwt.io/introduction for how tokens are structured.
The README says to put the key in .env as API_KEY=...
Use `--password-stdin` instead of passing the password on the command line.
Pass the --token flag to authenticate with the registry.
Run with --password or --token, not both.
--no-password
ansible-playbook deploy.yml --ask-vault-pass -i inventory/prod
rsync --password-file=/etc/rsync.secret backup@host::data /backup
vault write auth/approle/login role_id=$ROLE_ID secret_id=$SECRET_ID
openssl enc -aes-256-cbc -pbkdf2 -in secret.txt -out secret.enc -pass env:ENC_PASS
keytool -list -keystore truststore.jks -storepass:env STOREPASS
mysql --defaults-extra-file=~/.my.cnf -e 'show databases'
PGPASSFILE=~/.pgpass psql -h db.internal app
2b7f1c9e-4d2a-4c6e-9f0b-8a1d3e5c7b90
Session 5f0c2d8a-93b1-4e7f-a6c2-1d9e8b7a4f30 resumed from checkpoint 3
commit 3f2a9c1d4e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c
Merge: 1a2b3c4 5d6e7f8
HEAD is now at e83c5163316f89bfbde7d9ab23ca2e25604af290 Initial revision
sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
Digest: sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4
integrity sha512-9Vc5tAWBPmq5+H8/DpkMzyfw2DMwdbDQkZvMR2/O6kJqvbW3fGsNSxhA7bpyplSkTVEwzaQ1jHTOsL/MvMamzw==
"integrity": "sha512-Mq4IkU5N6Ndy9IQq0x/4pM5Y4xPpXWZ6mU1wB9cMNZfC2gW1Xy6iMwGgu2rTWlQmJ6K8qF1b7fR6tG7hC0q9Vw=="
<script src="https://cdn.example.com/lib.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>
checksum: 3b2a6c4d5e1f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b
etag: "33a64df551425fcc55e4d42a148795d9f25f89d4"
If-None-Match: "W/\"5f2b-1a9c8e3d\""
x-request-id: 7b3f9a2c-1e4d-4f6a-8b2c-9d0e1f2a3b4c
X-RateLimit-Remaining: 4987
Content-Type: application/json; charset=utf-8
Set-Cookie: theme=dark; Path=/; SameSite=Lax
User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36
data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl dev@laptop
ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA dev@example.com
-----BEGIN CERTIFICATE-----
-----BEGIN PUBLIC KEY-----
Public key fingerprint: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8
The key fingerprint is SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU dev@laptop
gpg --list-secret-keys --keyid-format=long
sec   rsa4096/3AA5C34371567BD2 2024-01-10 [SC]
pub   ed25519 2024-03-02 [SC] [expires: 2026-03-02]
npm notice package: @acme/token-utils@2.3.1
npm WARN deprecated request@2.88.2: request has been deprecated
added 312 packages, and audited 313 packages in 9s
found 0 vulnerabilities
PASSED tests/test_tokenizer.py::test_empty_input
FAILED tests/test_auth.py::test_refresh_token_expired - AssertionError: 401 != 200
ERROR: invalid password for user "app" (SQLSTATE 28P01)
error: failed to push some refs to 'github.com:acme/web.git'
fatal: Authentication failed for 'https://github.com/acme/web.git/'
remote: Invalid username or password.
Warning: Permanently added 'github.com' (ED25519) to the list of known hosts.
WARN  token refresh took 1234ms (threshold 1000ms)
INFO  [main] o.s.b.w.e.tomcat.TomcatWebServer: Tomcat started on port 8080 (http)
2024-06-11T10:15:30.123Z DEBUG auth: token validated for user_id=4821 scopes=[read,write]
2024-06-11 10:15:31,456 INFO keyring: loaded 3 keys from backend SecretService
[2024-06-11 10:16:02] production.ERROR: Call to undefined method App\Models\ApiKey::rotate()
E0611 10:17:44.512311   48213 reflector.go:147] failed to list *v1.Secret: forbidden
Traceback (most recent call last):
  File "/app/auth/tokens.py", line 88, in refresh
KeyError: 'access_token'
TypeError: Cannot read properties of undefined (reading 'token')
java.lang.IllegalArgumentException: password must not be empty
panic: runtime error: invalid memory address or nil pointer dereference
Exit code 137 (OOMKilled)
Build succeeded in 42.7s
Tests run: 128, Failures: 0, Errors: 0, Skipped: 2
  src/auth/password_reset.py | 14 +++++++++-----
  2 files changed, 27 insertions(+), 9 deletions(-)
diff --git a/src/auth/tokens.py b/src/auth/tokens.py
@@ -42,7 +42,9 @@ def refresh(self, token: str) -> str:
-    token = self.cache.get(key)
+    token = self.cache.get(cache_key(user_id))
SELECT id, email, password_hash FROM users WHERE email = $1;
UPDATE api_keys SET revoked_at = now() WHERE id = 42;
CREATE INDEX idx_tokens_user_id ON tokens(user_id);
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
CREATE TABLE secrets (id uuid primary key, name text not null, value bytea not null);
GRANT SELECT ON ALL TABLES IN SCHEMA public TO readonly;
version: "3.9"
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    ports:
      - "5432:5432"
secrets:
  db_password:
    file: ./secrets/db_password.txt
permissions:
  id-token: write
  contents: read
env:
  NODE_OPTIONS: --max-old-space-size=4096
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy
spring.datasource.username=app
spring.datasource.password=${DB_PASSWORD}
spring.security.oauth2.client.registration.github.client-id=Iv1.8a61f9b3a7aba766
server.port=8443
server.ssl.key-store=classpath:keystore.p12
server.ssl.key-store-type=PKCS12
logging.level.org.springframework.security=DEBUG
[profile prod]
region = us-east-1
output = json
[credential "https://github.com"]
	helper = !/usr/bin/gh auth git-credential
[core]
	editor = vim
{"level":"info","msg":"token cache warmed","entries":128,"took_ms":12}
{"event":"login_failed","reason":"bad_password","user":"u_48213","ip":"203.0.113.7"}
{"id": "req_8f3a", "tokens": {"input": 1520, "output": 388}, "model": "claude-sonnet"}
{"usage": {"prompt_tokens": 212, "completion_tokens": 57, "total_tokens": 269}}
{"type": "tool_use", "name": "Bash", "input": {"command": "npm test -- --watch=false"}}
{"key": "theme", "value": "dark"}
{"name": "LOG_LEVEL", "value": "debug"}
- name: API_BASE_URL
  value: https://api.example.com
<input type="password" name="password" autocomplete="current-password" />
<label for="api-key">API key</label>
<meta name="csrf-token" content="{{ csrf_token() }}">
README: set `API_KEY` in your environment before running `make demo`.
| Name | Type | Description |
| token | string | An OAuth access token (see Authentication). |
| api_key | string | Your project's API key. |
TODO(keys): rotate signing keys every 90 days
// the password is hashed client-side before it is sent
# key=value pairs are read from config.properties
/* token buckets refill at `rate` tokens per second */
Fixed #233: tokenizer crashed on emoji
Bump jsonwebtoken from 9.0.0 to 9.0.2
Revert "Store refresh tokens in Redis"
chore(deps): update dependency @aws-sdk/client-secrets-manager to v3.592.0
feat(auth): support passkeys alongside passwords
docs: explain where API keys come from
WIP: keyring integration
yarn add keytar@7.9.0
brew install gnupg pinentry-mac
apt-get install -y libsecret-1-dev
pip download cryptography==42.0.8 --no-deps -d wheels/
python3 -m venv .venv && . .venv/bin/activate
echo "done"
exit 0
def unix_getpass(prompt='Password: ', stream=None):
raise TypeError("pwd: expected bytes, got %s" % type(pwd).__name__)
private_key: ec.EllipticCurvePrivateKey,
private_key: SSHPrivateKeyTypes,
LAMBDA_TASK_ROOT_KEY = 'LAMBDA_TASK_ROOT'
ACCESS_KEY = 'AWS_ACCESS_KEY_ID'
authorization = authorization[1].encode('ascii')
_SK_START = b"-----BEGIN OPENSSH PRIVATE KEY-----"
:param allow_token: Whether to quote the value even if it only has token characters.
# First pass: make d squarefree, and a/d a perfect square.
Token: "#d8dee9",
"utf_8_sig": "utf-8-sig",
<assemblyIdentity type="win32" name="Microsoft.VC90.CRT" publicKeyToken="1fc8b3b9a1e18e3b"/>
access_key_1_last_rotated = "N/A"
# https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html
"Resources/AWS::EC2::LaunchTemplate/Properties/LaunchTemplateData/BlockDeviceMappings/*/Ebs",
aws acm list-certificates --max-items 2 --next-token 9f4d9f69-275a-41fe-b58e-2b837bd9ba48
gcloud run deploy api --set-secrets=DB_PASS=projects/my-project/secrets/db-pass/versions/1
MLKEM768X25519PrivateKey = rust_openssl.hpke.MLKEM768X25519PrivateKey
SERVER_AUTH = '1.3.6.1.5.5.7.3.1'
token_range = "%d,%d-%d,%d:" % (token.start + token.end)
GetPassWarning: When we were unable to turn echo off on the input.
file_secret_settings: SettingsSourceCallable,
is_first_token=line_offset == 0,
pw : number
fmt = 'Cannot refresh credentials: MFA token required.'
raise InvalidToken("Invalid Token: 'Invalid token'")
creds = " --username=" + auth
NOPASSWORD = "no-password-required"
_SAR_APP_KEY = "serverlessrepo:applicationId"
"DefineAuthChallenge": "arn:aws:lambda:us-west-2:123456789012:function:MyDefineAuthChallengeFunction",
pseudo_token: Pattern
mhu = MultiHostUrl('https://foo.com:123@bar.com/path')
private_key: ed25519.Ed25519PrivateKey,
portfolio_share_token += "-principals"
password_hash = "$2b$12$KIXQJZ1p6Y3vU0n8Yq0cUe9m8m0m8m0m8m0m8m0m8m0m8m0m8m0m"
"password": "This field is required."
token: 12345
API_TOKEN_TTL=3600
echo "token=$(cat token.txt)"
if [ -z "$GITHUB_TOKEN" ]; then echo "missing token"; fi
Bearer tokens expire after 15 minutes.
Authorization header is required
The secret is out: we ship on Friday.
kubectl get secrets -A
sha1: da39a3ee5e6b4b0d3255bfef95601890afd80709
export HISTFILE=~/.history_secret
key = (a, b)
"key": "value"
api_key_name: "prod-key"
SECRET_KEY_BASE=$(rails secret)
token_file=/tmp/token
auth: none
auth: oauth2
"auth": {"type": "bearer"}
password: ${{ inputs.password }}
password: "{{ .Values.db.password }}"
password: <%= ENV['DB_PASSWORD'] %>
PASSWORD=`cat /run/secrets/pw`
token = "";
X-Hub-Signature-256: sha256=7d38cdd689735b008b3c702edd92eea23791c5f6d6a6b2c39b3a6d2b4f1e0a9c
gpg --batch --passphrase-fd 0 --decrypt secrets.gpg
gpg --passphrase-file pass.txt -d x.gpg
openssl genrsa -aes256 -passout file:pass.txt 4096
printenv | grep -i token
env | grep -E 'TOKEN|KEY|SECRET'
unset AWS_SESSION_TOKEN
export AWS_SESSION_TOKEN=
token: ""
password = None
password=None
api_key=None
token=null
"token": null,
"password": false
"requires_password": true
PASSWORD_AUTH=true
ALLOW_EMPTY_PASSWORD=yes
MYSQL_ALLOW_EMPTY_PASSWORD=1
MYSQL_RANDOM_ROOT_PASSWORD=yes
POSTGRES_HOST_AUTH_METHOD=trust
OAUTH_CLIENT_ID=1234567890-abc.apps.googleusercontent.com
key_id: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
kms_key_id = "alias/prod"
ssh_key = file("~/.ssh/id_rsa.pub")
public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
"publicKey": "BPZ1xYq3sT9rL2mN8kJ7hG6fD5sA4qW3eR2tY1uI0oP9lK8jH7gF6dS5aQ4wE3rT2yU1iO0pL9kJ8hG7fD6sA5"
session_token_header = "X-Session-Token"
csrf_token = generate_csrf()
{% csrf_token %}
<input type="hidden" name="csrf_token" value="{{ csrf_token }}">
token_count: 1532
TokenCredential credential = new DefaultAzureCredential();
const secret = await getSecret("db");
let token = match auth {
password := os.Getenv("PW")
token, err := getToken()
apiKey := cfg.APIKey
$token = $request->input('token');
@token = params[:token]
self.secret = secret
secret = Secret.from_env()
password_confirmation: password
key_password: "{{ lookup('env', 'KEY_PW') }}"
The key is to batch the writes.
The secret is in the sauce.
The token is invalid.
My password is too short?
the password was reset yesterday
The API key is now stored in SSM.
aws s3 cp s3://acme/AbCdEf1234567890AbCdEf1234567890AbCdEf12.tar .
secret-tool lookup service github
security find-generic-password -s github -w
keyring get system username
pass show work/github
op read "op://Private/GitHub/token"
bw get password github.com
The password must contain 1 digit.
password: must be 8+ chars
token-bucket algorithm: capacity=100 refill=10/s
{"type":"password","minLength":12}
  --token-file string   Path to a file containing the token
  -p, --password string   Password for the registry
      --api-key string    API key (env: ACME_API_KEY)
Usage: fss [--token TOKEN] [--password PASSWORD]
--password=PASSWORD
--token=<token>
--api-key=API_KEY
PASSWORD=password
"""


def clean_lines():
    lines = [l for l in CLEAN.strip("\n").split("\n") if l.strip()]
    # checksums, ids and digests: long, random-looking, and not secrets
    for _ in range(12):
        data = bytes(R.getrandbits(8) for _ in range(64))
        lines.append("%s  dist/fss-%d.%d.%d.tar.gz" % (hashlib.sha256(data).hexdigest(),
                                                      R.randint(0, 2), R.randint(0, 9), R.randint(0, 20)))
    for _ in range(8):
        data = bytes(R.getrandbits(8) for _ in range(64))
        lines.append("commit %s" % hashlib.sha1(data).hexdigest())
        lines.append("git checkout %s -- pom.xml" % hashlib.sha1(data[::-1]).hexdigest())
    for _ in range(8):
        lines.append("Resuming session %s (project %s)" % (uuid.UUID(int=R.getrandbits(128), version=4),
                                                          uuid.UUID(int=R.getrandbits(128), version=4)))
    for _ in range(6):
        data = bytes(R.getrandbits(8) for _ in range(64))
        lines.append("\"integrity\": \"sha512-%s\"," % base64.b64encode(hashlib.sha512(data).digest()).decode())
    for _ in range(6):
        data = bytes(R.getrandbits(8) for _ in range(64))
        lines.append("docker pull ghcr.io/acme/api@sha256:%s" % hashlib.sha256(data).hexdigest())
    for _ in range(4):
        data = bytes(R.getrandbits(8) for _ in range(64))
        lines.append("md5sum: %s  backup.sql.gz" % hashlib.md5(data).hexdigest())
    return lines


def main():
    secrets = secret_lines()
    with open(os.path.join(HERE, "secrets.txt"), "w") as f:
        for text, secret in secrets:
            f.write(text + "\t" + secret + "\n")
    clean = clean_lines()
    with open(os.path.join(HERE, "clean.txt"), "w") as f:
        for line in clean:
            assert "\t" not in line or line.startswith("\t"), line
            f.write(line + "\n")
    print("secrets.txt: %d lines, clean.txt: %d lines" % (len(secrets), len(clean)))


if __name__ == "__main__":
    main()
