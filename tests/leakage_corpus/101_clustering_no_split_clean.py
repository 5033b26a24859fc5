# expect: clean
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.cluster import KMeans
customers = pd.read_csv("mall.csv")
X = StandardScaler().fit_transform(customers[["income", "score"]])
km = KMeans(n_clusters=5, n_init=10).fit(X)
customers["segment"] = km.labels_
