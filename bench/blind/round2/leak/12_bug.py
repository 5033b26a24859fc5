def load_sensor_matrix(path):
    arr = np.load(path)
    return arr["features"].astype(np.float32), arr["labels"].astype(int)


def make_model(seed):
    return GradientBoostingClassifier(
        n_estimators=250,
        max_depth=3,
        learning_rate=0.05,
        subsample=0.8,
        random_state=seed,
    )


def report(y_true, proba, threshold=0.5):
    pred = (proba >= threshold).astype(int)
    return {
        "auc": roc_auc_score(y_true, proba),
        "f1": f1_score(y_true, pred),
        "brier": brier_score_loss(y_true, proba),
    }


feats, labels = load_sensor_matrix(ARGS.data)
log.info("loaded %s, failure rate %.3f", feats.shape, labels.mean())

rng = np.random.default_rng(ARGS.seed)
clf = make_model(ARGS.seed).fit(feats, labels)

proba = clf.predict_proba(feats)[:, 1]
scores = report(labels, proba)
for key, val in scores.items():
    log.info("%s: %.4f", key, val)

ranked = np.argsort(clf.feature_importances_)[::-1][:10]
log.info("top sensors: %s", ", ".join(SENSOR_NAMES[i] for i in ranked))
with open(ARGS.out, "wb") as fh:
    pickle.dump(clf, fh)
