def load_split(path, feature_cols):
    frame = pd.read_parquet(path)
    return frame[feature_cols], frame["is_fraud"].to_numpy()


def pick_threshold(y_true, scores, beta=2.0):
    prec, rec, thr = precision_recall_curve(y_true, scores)
    prec, rec = prec[:-1], rec[:-1]
    fbeta = (1 + beta**2) * prec * rec / np.clip(beta**2 * prec + rec, 1e-12, None)
    best = int(np.argmax(fbeta))
    return float(thr[best]), float(fbeta[best])


def summarize(y_true, scores, threshold):
    pred = (scores >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(y_true, pred).ravel()
    return {
        "threshold": threshold,
        "precision": tp / max(tp + fp, 1),
        "recall": tp / max(tp + fn, 1),
        "fpr": fp / max(fp + tn, 1),
        "auprc": average_precision_score(y_true, scores),
    }


with open(args.config) as fh:
    cfg = yaml.safe_load(fh)

features = cfg["features"]
X_fit, y_fit = load_split(cfg["train_path"], features)
X_eval, y_eval = load_split(cfg["test_path"], features)
logger.info("train %d rows (%.2f%% fraud), test %d rows", len(y_fit), 100 * y_fit.mean(), len(y_eval))

gbm = lgb.LGBMClassifier(**cfg["lgb_params"])
gbm.fit(X_fit, y_fit)

eval_scores = gbm.predict_proba(X_eval)[:, 1]
threshold, best_f2 = pick_threshold(y_eval, eval_scores)
logger.info("chosen threshold %.4f (F2=%.3f)", threshold, best_f2)

metrics = summarize(y_eval, eval_scores, threshold)
for name, value in metrics.items():
    logger.info("%-10s %.4f", name, value)
joblib.dump({"model": gbm, "threshold": threshold, "features": features}, cfg["model_out"])
